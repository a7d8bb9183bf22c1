using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Keys;
using VaultGpg.Engine.Log;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Paths;

/// <summary><c>keys/:name/subkeys/</c> and <c>keys/:name/subkeys/:key_id</c>: add, list, read and delete subkeys, as DataDog's fork of the Go plugin does (the Go plugin itself has no subkeys paths).</summary>
internal sealed class PathSubkeys(KeyStore keys, KeyEvents keyEvents, TimeProvider timeProvider, ILogger<PathSubkeys> log)
{
    private const string Sign = "sign";
    private const string Encrypt = "encrypt";
    private const string Cv25519 = "cv25519";

    /// <summary>DataDog's fork's default subkey lifetime: one year.</summary>
    private static readonly TimeSpan GoDefaultLifetime = TimeSpan.FromSeconds(31536000);

    private static readonly FieldSchema<string> Name = KeyFields.Name;

    private static readonly FieldSchema<string> KeyId = Field.NameString(
        "key_id", "Key ID of the subkey: 16 hex digits (or its 40-digit fingerprint), in either case.", required: true, maxLength: 64);

    private static readonly FieldSchema<string> KeyTypeField = Field.String(
        "key_type",
        "Type of the new subkey: rsa, ed25519 (an Ed25519 signing subkey, or a Curve25519 encryption subkey with " +
        "capabilities encrypt), cv25519 (encryption only), ecdsa-p256 or ecdsa-p384. Default: rsa.",
        @default: "rsa");

    private static readonly FieldSchema<IReadOnlyList<string>> CapabilitiesField = Field.CommaStringSlice(
        "capabilities",
        "Capabilities of the new subkey: sign and/or encrypt (both only for rsa). Default: [\"sign\"].",
        @default: [Sign]);

    private static readonly FieldSchema<int> KeyBits = Field.Int(
        "key_bits", "RSA modulus size of the new subkey: 2048, 3072 or 4096. Only for rsa. Default: 4096 (as DataDog's fork of the Go plugin).", @default: 4096);

    private static readonly FieldSchema<TimeSpan> Expires = Field.DurationSeconds(
        "expires",
        "Lifetime of the new subkey from its creation, in seconds or as a duration such as 8760h; 0 means it never " +
        "expires. Default: 31536000 (one year, as DataDog's fork of the Go plugin).",
        @default: GoDefaultLifetime);

    public static PathDefinition[] Define(PathSubkeys h) =>
    [
        new("keys/" + PathPatterns.Name(Name) + "/subkeys/?")
        {
            Fields = [Name, KeyTypeField, CapabilitiesField, KeyBits, Expires],
            Operations =
            {
                [Operation.Update] = new(h.CreateAsync) { Summary = "Add a subkey to a key." },
                [Operation.List] = new(h.ListAsync) { Summary = "List the key IDs of a key's subkeys." },
            },
            HelpSynopsis = ListSynopsis,
            HelpDescription = ListDescription,
        },
        new("keys/" + PathPatterns.Name(Name) + "/subkeys/" + PathPatterns.Name(KeyId))
        {
            Fields = [Name, KeyId],
            Operations =
            {
                [Operation.Read] = new(h.ReadAsync) { Summary = "Read a subkey's facts." },
                [Operation.Delete] = new(h.DeleteAsync) { Summary = "Delete a subkey (only when deletion_allowed)." },
            },
            HelpSynopsis = SubkeySynopsis,
            HelpDescription = SubkeyDescription,
        },
    ];

    private async Task<Response?> CreateAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        var options = ParseOptions(data);
        if (options.Failed)
        {
            return options.Problem.ToResponse();
        }

        using (await keys.LockAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var found = await keys.RequireAsync(request, name, cancellationToken).ConfigureAwait(false);
            if (found.Failed)
            {
                return found.Problem.ToResponse();
            }

            AddedSubkey added;
            try
            {
                added = new SubkeyEditor(timeProvider).AddSubkey(found.Value.Key, options.Value);
            }
            catch (OpenPgpException e)
            {
                return Response.InvalidRequest(e.Message);
            }

            await keyEvents.RecordAsync(request.Storage, KeyEventEntry.SubkeyAdd, name, added.Key, added.Subkey.Fingerprint, null, cancellationToken)
                .ConfigureAwait(false);
            await keys.PutAsync(request.Storage, found.Value.Entry with { StoredKey = added.Key.ToStoredForm() }, added.Key, cancellationToken)
                .ConfigureAwait(false);
            var subkey = added.Subkey;
            var typeName = TypeName(subkey);
            var capabilities = KeyView.Capabilities(subkey.Usage).ToList();
            var capabilityList = string.Join(',', capabilities);
            var signingKeyId = added.Key.DescribeAt(timeProvider.GetUtcNow()).SigningKeyId;
            EngineLog.SubkeyAdded(log, name, subkey.Fingerprint, typeName, capabilityList, signingKeyId, request.Id);
            return Response.WithData(new JsonObject
            {
                ["key_id"] = WireHex.Lower(subkey.KeyId),
                ["fingerprint"] = WireHex.Lower(subkey.Fingerprint),
                ["key_type"] = typeName,
                ["capabilities"] = new JsonArray([.. capabilities.Select(c => JsonValue.Create(c))]),
                ["signing_key_id"] = WireHex.Lower(signingKeyId),
            });
        }
    }

    private async Task<Response?> ListAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var found = await keys.RequireAsync(request, data.Get(Name), cancellationToken).ConfigureAwait(false);
        if (found.Failed)
        {
            return found.Problem.ToResponse();
        }

        return Response.WithData(new JsonObject
        {
            ["key_ids"] = new JsonArray([.. found.Value.Key.Info.Subkeys.Select(s => JsonValue.Create(WireHex.Lower(s.KeyId)))]),
        });
    }

    private async Task<Response?> ReadAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var stored = await keys.GetAsync(request.Storage, data.Get(Name), cancellationToken).ConfigureAwait(false);
        var info = stored?.Key.DescribeAt(timeProvider.GetUtcNow());
        var subkey = info?.FindSubkey(data.Get(KeyId));
        if (subkey is null)
        {
            return null;
        }

        // DataDog's fork's four facts first, then ours (fingerprint, dates, validity) from the key read.
        var answer = KeyView.DescribeSubkey(subkey);
        answer["key_type"] = TypeName(subkey);
        answer["expires"] = subkey.ExpiresAt is { } expiry ? (long)(expiry - subkey.CreatedAt).TotalSeconds : 0;
        answer["signing"] = info!.SigningKeyId == subkey.KeyId;
        return Response.WithData(answer);
    }

    private async Task<Response?> DeleteAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        using (await keys.LockAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var stored = await keys.GetAsync(request.Storage, name, cancellationToken).ConfigureAwait(false);
            var subkey = stored is null ? null : stored.Key.Info.FindSubkey(data.Get(KeyId));
            if (subkey is null)
            {
                // As DataDog's fork: deleting what is not there succeeds.
                return null;
            }

            if (!stored!.Entry.DeletionAllowed)
            {
                return Response.InvalidRequest(
                    $"deletion is not allowed for key \"{name}\"; set deletion_allowed=true on keys/{name}/config first");
            }

            var updated = new SubkeyEditor(timeProvider).RemoveSubkey(stored.Key, subkey.KeyId)!;
            await keyEvents.RecordAsync(request.Storage, KeyEventEntry.SubkeyRemove, name, updated, subkey.Fingerprint, null, cancellationToken).ConfigureAwait(false);
            await keys.PutAsync(request.Storage, stored.Entry with { StoredKey = updated.ToStoredForm() }, updated, cancellationToken).ConfigureAwait(false);
            var signingKeyId = updated.DescribeAt(timeProvider.GetUtcNow()).SigningKeyId;
            EngineLog.SubkeyDeleted(log, name, subkey.Fingerprint, signingKeyId, request.Id);
            return null;
        }
    }

    private static string TypeName(SubkeyInfo subkey) => KeyView.KeyTypeName(subkey.Algorithm, subkey.Curve);

    private static Parsed<SubkeyOptions> ParseOptions(FieldData data)
    {
        var typeName = data.Get(KeyTypeField);
        var capabilities = data.TryGet(CapabilitiesField, out var sent) ? sent : (typeName == Cv25519 ? [Encrypt] : [Sign]);
        var unknown = capabilities.FirstOrDefault(c => c is not (Sign or Encrypt));
        if (unknown is not null || capabilities.Count == 0)
        {
            return Parsed<SubkeyOptions>.Invalid($"unsupported capability \"{unknown}\" in capabilities; must be sign and/or encrypt");
        }

        var usage = (capabilities.Contains(Sign) ? KeyUsage.Sign : KeyUsage.None) | (capabilities.Contains(Encrypt) ? KeyUsage.Encrypt : KeyUsage.None);
        var type = typeName == Cv25519 ? KeyType.Ed25519 : KeyFields.KeyTypeOf(typeName);
        if (type is null)
        {
            return Parsed<SubkeyOptions>.Invalid($"unsupported key_type \"{typeName}\"; must be rsa, ed25519, cv25519, ecdsa-p256 or ecdsa-p384");
        }

        if (typeName == Cv25519 && usage != KeyUsage.Encrypt)
        {
            return Parsed<SubkeyOptions>.Invalid("key_type cv25519 can only encrypt; use ed25519 for a signing subkey");
        }

        var bits = data.Get(KeyBits);
        if (type == KeyType.Rsa && !KeyFields.RsaBits.Contains(bits))
        {
            return Parsed<SubkeyOptions>.Invalid($"key_bits {bits} is not valid for rsa; must be 2048, 3072 or 4096");
        }

        if (type != KeyType.Rsa && data.TryGet(KeyBits, out _))
        {
            return Parsed<SubkeyOptions>.Invalid($"key_bits is only valid for rsa, not {typeName}");
        }

        var expires = RequestValues.Lifetime(Expires.Name, data.Get(Expires));
        if (expires.Failed)
        {
            return expires.Problem;
        }

        return new SubkeyOptions
        {
            Type = type.Value,
            Usage = usage,
            RsaBits = bits,
            ExpiresAfter = expires.Value,
        };
    }

    private const string ListSynopsis = "Add a subkey to a named key, or list its subkeys.";

    private const string ListDescription = """
        POST generates a subkey (rsa by default, 4096 bits, signing, expiring after one year, as DataDog's fork of the
        Go plugin does) and binds it to the key's primary key; a signing subkey also carries the back-signature gpg
        requires. The newest valid signing subkey is the one sign/ uses from then on. LIST returns the key IDs of all
        subkeys.
        """;

    private const string SubkeySynopsis = "Read or delete one subkey of a named key.";

    private const string SubkeyDescription = """
        GET returns the subkey's type, capabilities, size and lifetime (expires, in seconds, 0 for never) and more facts.
        DELETE removes the subkey and its signatures from the stored key; it needs deletion_allowed on the key, and
        deleting a subkey that does not exist succeeds, as in DataDog's fork.
        """;
}
