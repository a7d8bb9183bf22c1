using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Framework;

namespace VaultGpg.Engine.Paths;

/// <summary>
/// Creating a verify-only key from keys/:name's public_key field (the Go plugin's issue #102): a public key that the
/// engine keeps to verify signatures (verify/:name) and to hand out (export-public/:name, keys/:name), which can never
/// sign or decrypt because it has no secret part. A secret key sent there is refused rather than silently stripped.
/// </summary>
internal static class VerifyOnlyImport
{
    internal static readonly FieldSchema<string> PublicKey = Field.String(
        "public_key",
        "A public key to import as a verify-only key, instead of generating one or importing a secret key: ASCII-armored, " +
        "or base64 of the binary transferable public key. Such a key verifies and is exported by export-public, and can " +
        "never sign or decrypt. Not with generate=true or key. Default: \"\".");

    /// <summary>The verify-only key in <see cref="PublicKey"/>; a 400 for anything else (a secret key included).</summary>
    public static Parsed<OpenPgpKey> Import(string text, TimeProvider timeProvider)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Parsed<OpenPgpKey>.Invalid(PublicKey.Name, "must not be empty");
        }

        var material = RequestValues.KeyMaterial(PublicKey.Name, text);
        if (material.Failed)
        {
            return material.Problem;
        }

        OpenPgpKey key;
        try
        {
            key = new KeyImporter(timeProvider).Import(material.Value, new KeyImportOptions(AllowVerifyOnly: true));
        }
        catch (OpenPgpException e)
        {
            return Parsed<OpenPgpKey>.Invalid(PublicKey.Name, e.Message);
        }

        return key.IsVerifyOnly
            ? key
            : Parsed<OpenPgpKey>.Invalid(PublicKey.Name, "holds a secret key; send a secret key in key (with generate=false), or only its public key here");
    }
}
