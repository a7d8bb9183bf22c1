using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Framework;

namespace VaultGpg.Engine.Paths;

/// <summary>The key fields and key-type values several path families share: the key's name in every URL, the
/// exportable and deletion_allowed settings, and the key types and RSA sizes that keys/ and keys/:name/subkeys take.</summary>
internal static class KeyFields
{
    public const int MinimumRsaBits = 2048;
    public static readonly IReadOnlyList<int> RsaBits = [2048, 3072, 4096];
    public static readonly IReadOnlyList<string> KeyTypes = ["rsa", "ed25519", "ecdsa-p256", "ecdsa-p384"];

    /// <summary>The longest key name accepted, in characters (names are ASCII, so also in bytes).</summary>
    public const int MaxNameLength = 128;

    internal static readonly FieldSchema<string> Name = Field.NameString(
        "name",
        "Name of the key: letters, digits, '_', '-' and '.', starting and ending with a letter, digit or '_', without " +
        "\"..\", at most 128 characters.",
        required: true,
        maxLength: MaxNameLength);

    internal static readonly FieldSchema<bool> Exportable = Field.Bool(
        "exportable",
        "Whether the secret key may be read back through export/:name. Once true it cannot be set back to false. Default: false.",
        @default: false);

    internal static readonly FieldSchema<bool> DeletionAllowed = Field.Bool(
        "deletion_allowed",
        "Whether the key may be deleted. Default: false, which protects release keys from a stray DELETE.",
        @default: false);

    /// <summary>The key type a key_type value names (as keys/ and keys/:name/subkeys take it), null for an unknown one.</summary>
    internal static KeyType? KeyTypeOf(string name) => name switch
    {
        "rsa" => KeyType.Rsa,
        "ed25519" => KeyType.Ed25519,
        "ecdsa-p256" => KeyType.EcdsaP256,
        "ecdsa-p384" => KeyType.EcdsaP384,
        _ => null,
    };
}
