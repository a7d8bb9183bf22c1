using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Keys;
using VaultGpg.Engine.Log;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Paths;

/// <summary><c>keys/</c> and <c>keys/:name</c>: generate, import, read, list and delete named keys.</summary>
internal sealed class PathKeys(KeyStore keys, KeyEvents keyEvents, TimeProvider timeProvider, ILogger<PathKeys> log)
{
    private static readonly FieldSchema<string> Name = KeyFields.Name;
    private static readonly FieldSchema<bool> Exportable = KeyFields.Exportable;
    private static readonly FieldSchema<bool> DeletionAllowed = KeyFields.DeletionAllowed;

    private static readonly FieldSchema<bool> Generate = Field.Bool(
        "generate",
        "Generate the key in Vault (true) or import the one given in key (false). Default: true, or false when key is given.",
        @default: true);

    private static readonly FieldSchema<string> KeyTypeField = Field.String(
        "key_type",
        "Type of key to generate: rsa, ed25519, ecdsa-p256 or ecdsa-p384. Each comes with an encryption subkey. " +
        "rpm accepts rsa and ed25519 signatures only. Default: rsa.",
        @default: "rsa");

    private static readonly FieldSchema<int> KeyBits = Field.Int(
        "key_bits",
        "Size of a generated RSA key in bits: 2048, 3072 or 4096. Default: 3072.",
        @default: 3072);

    private static readonly FieldSchema<string> RealName = Field.String(
        "real_name", "Real name of the key's user ID. Must not contain control characters or any of ()<>. Default: \"\".");

    private static readonly FieldSchema<string> Email = Field.String(
        "email", "Email address of the key's user ID. Must not contain control characters or any of ()<>. Default: \"\".");

    private static readonly FieldSchema<string> Comment = Field.String(
        "comment", "Comment of the key's user ID. Must not contain control characters or any of ()<>. Default: \"\".");

    private static readonly FieldSchema<TimeSpan> Expires = Field.DurationSeconds(
        "expires",
        "Lifetime of a generated key, in seconds or as a duration such as 8760h; 0 means it never expires. Default: 0.");

    private const string KeyHelp =
        "The secret key to import when generate is false: ASCII-armored, or base64 of the binary transferable secret key.";

    private const string PassphraseHelp =
        "Passphrase that unlocks an imported key protected by one. It is not stored. Default: \"\".";

    private static readonly FieldSchema<string> Key = Field.String("key", KeyHelp) with { Sensitive = true };

    private static readonly FieldSchema<string> Passphrase = Field.String("passphrase", PassphraseHelp) with { Sensitive = true };

    public static PathDefinition[] Define(PathKeys h) =>
    [
        new("keys/?")
        {
            Operations = { [Operation.List] = new(h.ListAsync) { Summary = "List the names of the keys." } },
            HelpSynopsis = ListSynopsis,
            HelpDescription = ListDescription,
        },
        new("keys/" + PathPatterns.Name(Name))
        {
            Fields = [Name, Generate, KeyTypeField, KeyBits, RealName, Email, Comment, Expires, Key, Passphrase, Exportable, DeletionAllowed, VerifyOnlyImport.PublicKey],
            ExistenceCheck = h.ExistsAsync,
            Operations =
            {
                [Operation.Create] = new(h.CreateAsync) { Summary = "Generate or import a key." },
                [Operation.Update] = new(UpdateAsync) { Summary = "Refused: a key is never overwritten." },
                [Operation.Read] = new(h.ReadAsync) { Summary = "Read a key's public facts." },
                [Operation.Delete] = new(h.DeleteAsync) { Summary = "Delete a key (only when deletion_allowed)." },
            },
            HelpSynopsis = KeySynopsis,
            HelpDescription = KeyDescription,
        },
    ];

    private async Task<Response?> ListAsync(Request request, FieldData data, CancellationToken cancellationToken) =>
        Response.List(await KeyStore.ListAsync(request.Storage, cancellationToken).ConfigureAwait(false));

    private async Task<bool> ExistsAsync(Request request, FieldData data, CancellationToken cancellationToken) =>
        await request.Storage.GetAsync(KeyStore.StorageKey(data.Get(Name)), cancellationToken).ConfigureAwait(false) is not null;

    private async Task<Response?> CreateAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        // The Go plugin's documented import example sends only key: a key without generate means import, not generate.
        var keySent = data.TryGet(Key, out _);
        var publicKeySent = data.TryGet(VerifyOnlyImport.PublicKey, out var publicKey);
        var generate = data.TryGet(Generate, out var generateSent) ? generateSent : !keySent && !publicKeySent;
        if (generate && (keySent || publicKeySent))
        {
            return Response.InvalidRequest($"{(keySent ? "key" : "public_key")} cannot be given with generate=true; set generate=false to import it");
        }

        if (keySent && publicKeySent)
        {
            return Response.InvalidRequest("give key (a secret key) or public_key (a verify-only key), not both");
        }

        var made = generate ? GenerateKey(data) : publicKeySent ? VerifyOnlyImport.Import(publicKey!, timeProvider) : ImportKey(data);
        if (made.Failed)
        {
            return made.Problem.ToResponse();
        }

        using (await keys.LockAsync(name, cancellationToken).ConfigureAwait(false))
        {
            if (await keys.GetAsync(request.Storage, name, cancellationToken).ConfigureAwait(false) is not null)
            {
                return AlreadyExists(name);
            }

            var entry = new KeyEntry
            {
                Name = name,
                StoredKey = made.Value.ToStoredForm(),
                Exportable = data.Get(Exportable),
                DeletionAllowed = data.Get(DeletionAllowed),
                Imported = !generate,
                StoredAt = timeProvider.GetUtcNow(),
            };
            await keyEvents.RecordAsync(request.Storage, generate ? KeyEventEntry.Create : KeyEventEntry.Import, name, made.Value, null, null, cancellationToken)
                .ConfigureAwait(false);
            // The revocation certificate goes first: a key is never stored without the certificate made for it.
            var certificate = RevocationCertificates.TryMake(made.Value, timeProvider);
            if (certificate is not null)
            {
                await RevocationCertificates.PutAsync(request.Storage, name, certificate, cancellationToken).ConfigureAwait(false);
            }

            await keys.PutAsync(request.Storage, entry, made.Value, cancellationToken).ConfigureAwait(false);
            EngineLog.KeyStored(log, name, made.Value.Info.Fingerprint, generate ? "generated" : "imported", request.Id);
            var answer = KeyView.Describe(new StoredKey(entry, made.Value), timeProvider.GetUtcNow());
            answer["revocation_certificate"] = certificate;
            return Response.WithData(answer);
        }
    }

    private static Task<Response?> UpdateAsync(Request request, FieldData data, CancellationToken cancellationToken) =>
        Task.FromResult<Response?>(AlreadyExists(data.Get(Name)));

    private async Task<Response?> ReadAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var stored = await keys.GetAsync(request.Storage, data.Get(Name), cancellationToken).ConfigureAwait(false);
        return stored is null ? null : Response.WithData(KeyView.Describe(stored, timeProvider.GetUtcNow()));
    }

    private async Task<Response?> DeleteAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        using (await keys.LockAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var stored = await keys.GetAsync(request.Storage, name, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return null;
            }

            if (!stored.Entry.DeletionAllowed)
            {
                return Response.InvalidRequest(
                    $"deletion is not allowed for key \"{name}\"; set deletion_allowed=true on keys/{name}/config first");
            }

            await keyEvents.RecordAsync(request.Storage, KeyEventEntry.Delete, name, stored.Key, null, null, cancellationToken).ConfigureAwait(false);
            await keys.DeleteAsync(request.Storage, name, cancellationToken).ConfigureAwait(false);
            await RevocationCertificates.DeleteAsync(request.Storage, name, cancellationToken).ConfigureAwait(false);
            EngineLog.KeyDeleted(log, name, stored.Key.Info.Fingerprint, request.Id);
            return null;
        }
    }

    private Parsed<OpenPgpKey> GenerateKey(FieldData data)
    {
        var type = KeyFields.KeyTypeOf(data.Get(KeyTypeField));
        if (type is null)
        {
            return Parsed<OpenPgpKey>.Invalid(
                $"unsupported key_type \"{data.Get(KeyTypeField)}\"; must be one of {string.Join(", ", KeyFields.KeyTypes)}");
        }

        var bits = data.Get(KeyBits);
        if (type == KeyType.Rsa && !KeyFields.RsaBits.Contains(bits))
        {
            return Parsed<OpenPgpKey>.Invalid(bits < KeyFields.MinimumRsaBits
                ? $"key_bits {bits} is too small; must be 2048, 3072 or 4096"
                : $"unsupported key_bits {bits}; must be 2048, 3072 or 4096");
        }

        if (type != KeyType.Rsa && data.TryGet(KeyBits, out _))
        {
            return Parsed<OpenPgpKey>.Invalid($"key_bits is only valid for key_type rsa, not \"{data.Get(KeyTypeField)}\"");
        }

        var lifetime = RequestValues.Lifetime(Expires.Name, data.Get(Expires));
        if (lifetime.Failed)
        {
            return lifetime.Problem;
        }

        var options = new KeyGenerationOptions
        {
            Type = type.Value,
            RsaBits = bits,
            RealName = NullIfEmpty(data.Get(RealName)),
            Email = NullIfEmpty(data.Get(Email)),
            Comment = NullIfEmpty(data.Get(Comment)),
            ExpiresAfter = lifetime.Value,
        };
        return Attempt(() => new KeyGenerator(timeProvider).Generate(options));
    }

    private Parsed<OpenPgpKey> ImportKey(FieldData data)
    {
        if (!data.TryGet(Key, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return Parsed<OpenPgpKey>.Invalid("key is required when generate is false");
        }

        var material = RequestValues.KeyMaterial(Key.Name, text);
        if (material.Failed)
        {
            return material.Problem;
        }

        var options = new KeyImportOptions(Passphrase: NullIfEmpty(data.Get(Passphrase)));
        return Attempt(() => new KeyImporter(timeProvider).Import(material.Value, options), Key.Name);
    }

    /// <summary>Bad key input is the caller's mistake: the library's message is safe to show and names the problem;
    /// a refusal for a work limit also names the field it came from.</summary>
    private static Parsed<OpenPgpKey> Attempt(Func<OpenPgpKey> make, string? field = null)
    {
        try
        {
            return make();
        }
        catch (OpenPgpException e)
        {
            return Parsed<OpenPgpKey>.Invalid(e.Kind == OpenPgpErrorKind.LimitExceeded && field is not null ? $"{field}: {e.Message}" : e.Message);
        }
    }

    private static Response AlreadyExists(string name) =>
        Response.InvalidRequest($"key \"{name}\" already exists; keys are never overwritten, delete it first");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private const string ListSynopsis = "List the named keys.";

    private const string ListDescription = """
        Lists the names of the keys stored in this mount. Only names are returned; read keys/:name for a key's facts.
        """;

    private const string KeySynopsis = "Generate, import, read or delete a named OpenPGP key.";

    private const string KeyDescription = """
        Writing keys/:name generates a new OpenPGP key in Vault (the default) or, with generate=false, imports the
        secret key given in key, unlocking it with passphrase when it is protected. A key is never overwritten: writing
        a name that exists is refused. Generated keys have a certify+sign primary key and an encryption subkey; imported
        keys keep their user IDs, subkeys and self-signatures, and sign with the key GnuPG would choose (the newest
        valid signing subkey, else the primary key).

        Reading keys/:name returns the key's public facts: fingerprint, key ID, type, size or curve, creation and expiry,
        user IDs, subkeys with their capabilities, the signing key, and the armored public key. The secret key is only
        ever returned by export/:name, and only for exportable keys.

        Deleting keys/:name requires deletion_allowed=true (see keys/:name/config).
        """;
}
