using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Keys;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Decryption;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Paths;

/// <summary><c>decrypt/:name</c> and <c>show-session-key/:name</c>: messages encrypted to a named key.</summary>
internal sealed class PathDecrypt(KeyStore keys, ILogger<PathDecrypt> log)
{
    private static readonly FieldSchema<string> Name = KeyFields.Name;

    private static readonly FieldSchema<string> Ciphertext = Field.String(
        "ciphertext", "The encrypted OpenPGP message, in the encoding given by format.", required: true);

    private static readonly FieldSchema<string> Format = Field.String(
        "format", "Encoding of ciphertext: base64 (of the binary message) or ascii-armor. Default: base64.",
        @default: RequestValues.Base64Format);

    private static readonly FieldSchema<string> SignerKey = Field.String(
        "signer_key",
        "ASCII-armored public key of the required signer. When given, the message must be signed by this key with a " +
        "valid signature, or decryption fails. Default: \"\", no signature required.");

    public static PathDefinition[] Define(PathDecrypt h) =>
    [
        new("decrypt/" + PathPatterns.Name(Name))
        {
            Fields = [Name, Ciphertext, Format, SignerKey],
            Operations = { [Operation.Update] = new(h.DecryptAsync) { Summary = "Decrypt a message with a named key." } },
            HelpSynopsis = DecryptSynopsis,
            HelpDescription = DecryptDescription,
        },
        new("show-session-key/" + PathPatterns.Name(Name))
        {
            Fields = [Name, Ciphertext, Format, SignerKey],
            Operations = { [Operation.Update] = new(h.ShowSessionKeyAsync) { Summary = "Show a message's session key." } },
            HelpSynopsis = SessionKeySynopsis,
            HelpDescription = SessionKeyDescription,
        },
    ];

    private Task<Response?> DecryptAsync(Request request, FieldData data, CancellationToken cancellationToken) =>
        WithMessageAsync(request, data, "plaintext", static (key, message, options, ct) =>
        {
            var result = MessageDecryptor.Decrypt(key, message, options, ct);
            return new JsonObject { ["plaintext"] = Convert.ToBase64String(result.Plaintext) };
        }, cancellationToken);

    private Task<Response?> ShowSessionKeyAsync(Request request, FieldData data, CancellationToken cancellationToken) =>
        WithMessageAsync(request, data, "session key", static (key, message, options, ct) =>
        {
            if (options.RequiredSigner is not null)
            {
                // The Go plugin accepted signer_key here and ignored it. A required signer is only worth something if
                // it is checked, so the message is decrypted and its signature verified before the key is shown.
                MessageDecryptor.Decrypt(key, message, options, ct);
            }

            return new JsonObject { ["session_key"] = SessionKeyReader.Read(key, message) };
        }, cancellationToken);

    /// <summary>The parsing both paths share: key, ciphertext, format and the optional required signer.</summary>
    private async Task<Response?> WithMessageAsync(
        Request request, FieldData data, string what, Func<OpenPgpKey, byte[], DecryptOptions, CancellationToken, JsonObject> operation, CancellationToken cancellationToken)
    {
        var armored = RequestValues.IsArmored(Format.Name, data.Get(Format));
        if (armored.Failed)
        {
            return armored.Problem.ToResponse();
        }

        var message = RequestValues.Binary(Ciphertext.Name, data.Get(Ciphertext), armored.Value);
        if (message.Failed)
        {
            return message.Problem.ToResponse();
        }

        // The named key first: parsing signer_key is the expensive part of a request for a key that does not exist.
        var name = data.Get(Name);
        var found = await keys.RequireAsync(request, name, cancellationToken).ConfigureAwait(false);
        if (found.Failed)
        {
            return found.Problem.ToResponse();
        }

        if (found.Value.Key.IsVerifyOnly)
        {
            return Response.InvalidRequest($"key \"{name}\" is verify-only: it has no secret key to decrypt with");
        }

        OpenPgpKey? signer = null;
        if (data.Get(SignerKey) is { Length: > 0 } signerText)
        {
            try
            {
                signer = new KeyImporter().Import(signerText, new KeyImportOptions(AllowVerifyOnly: true));
            }
            catch (OpenPgpException e)
            {
                return Response.InvalidRequest($"signer_key is not a usable public key: {e.Message}");
            }
        }

        try
        {
            var answer = operation(found.Value.Key, message.Value, new DecryptOptions { RequiredSigner = signer }, cancellationToken);
            EngineLog.Decrypted(log, name, what, message.Value.Length, request.Id);
            return Response.WithData(answer);
        }
        catch (OpenPgpException e)
        {
            return Response.InvalidRequest($"ciphertext: {e.Message}");
        }
    }

    private const string DecryptSynopsis = "Decrypt a message with a named key.";

    private const string DecryptDescription = """
        Decrypts an OpenPGP message encrypted to the key (RSA or ECDH encryption subkeys) and returns the plaintext,
        base64-encoded. Only integrity-protected messages (SEIPD with MDC) are accepted. With signer_key, the message
        must also carry a valid signature by that key.
        """;

    private const string SessionKeySynopsis = "Show the session key of a message encrypted to a named key.";

    private const string SessionKeyDescription = """
        Decrypts the session key of an OpenPGP message encrypted to the key and returns it in GnuPG's
        --show-session-key form, ALGO:HEX. With signer_key, the message must carry a valid signature by that key.
        """;
}
