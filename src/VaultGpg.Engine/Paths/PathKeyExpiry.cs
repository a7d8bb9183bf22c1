using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Keys;
using VaultGpg.Engine.Log;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Paths;

/// <summary><c>keys/:name/expiry</c>: set, extend or remove the expiry of a key's primary key and subkeys, with new
/// self-signatures made in Vault (as obs-sign and <c>gpg --quick-set-expire</c> do).</summary>
internal sealed class PathKeyExpiry(KeyStore keys, KeyEvents keyEvents, TimeProvider timeProvider, ILogger<PathKeyExpiry> log)
{
    private const string Never = "never";

    private static readonly FieldSchema<string> Name = KeyFields.Name;

    private static readonly FieldSchema<string> ExpiresAt = Field.String(
        "expires_at",
        "When the keys expire: an RFC 3339 time such as 2028-12-31T00:00:00Z, which must be in the future and after the " +
        "key's creation, or \"never\" to remove the expiry. Give this or expires, not both.");

    private static readonly FieldSchema<TimeSpan> Expires = Field.DurationSeconds(
        "expires",
        "When the keys expire, as a time from now in seconds or a duration such as 17520h; 0 means never. Give this or " +
        "expires_at, not both.");

    /// <summary>The most keys one request changes: the expiry event's log entry lists their fingerprints and stays
    /// within <see cref="Log.TransparencyLog.MaxEntryBytes"/>.</summary>
    internal const int MaxKeyIds = 12;

    private static readonly FieldSchema<IReadOnlyList<string>> KeyIds = Field.CommaStringSlice(
        "key_ids",
        "Key IDs (16 hex digits) or fingerprints of the keys whose expiry changes: the primary key and/or any of its " +
        "subkeys, in any case, at most 12. Default: the primary key only (its subkeys keep their own expiry, as with gpg --quick-set-expire).");

    public static PathDefinition[] Define(PathKeyExpiry h) =>
    [
        new("keys/" + PathPatterns.Name(Name) + "/expiry")
        {
            Fields = [Name, ExpiresAt, Expires, KeyIds],
            Operations = { [Operation.Update] = new(h.UpdateAsync) { Summary = "Set or remove the expiry of a key or its subkeys." } },
            HelpSynopsis = Synopsis,
            HelpDescription = Description,
        },
    ];

    private async Task<Response?> UpdateAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        var now = timeProvider.GetUtcNow();
        var expiry = ParseExpiry(data, now);
        if (expiry.Failed)
        {
            return expiry.Problem.ToResponse();
        }

        var edited = await keys.EditAsync(keyEvents, request, name, stored => Change(stored, data, expiry.Value.At), cancellationToken).ConfigureAwait(false);
        if (edited.Failed)
        {
            return edited.Problem.ToResponse();
        }

        EngineLog.ExpirySet(log, name, edited.Value.Key.Info.Fingerprint, expiry.Value.At is { } at ? KeyView.Timestamp(at) : Never, request.Id);
        return Response.WithData(KeyView.Describe(edited.Value, now));
    }

    private Parsed<KeyChange> Change(StoredKey stored, FieldData data, DateTimeOffset? expiresAt)
    {
        var info = stored.Key.Info;
        var named = data.TryGet(KeyIds, out var ids) && ids.Count > 0 ? ids : [info.Fingerprint];
        if (named.Count > MaxKeyIds)
        {
            return Parsed<KeyChange>.Invalid(KeyIds.Name, $"{named.Count} keys; at most {MaxKeyIds} per request (the log entry of the change names each)");
        }

        var primary = false;
        var subkeys = new List<SubkeyInfo>();
        foreach (var id in named.Select(i => i.Trim()))
        {
            if (string.Equals(id, info.KeyId, StringComparison.OrdinalIgnoreCase) || string.Equals(id, info.Fingerprint, StringComparison.OrdinalIgnoreCase))
            {
                primary = true;
            }
            else if (info.FindSubkey(id) is { } subkey)
            {
                subkeys.Add(subkey);
            }
            else
            {
                return Parsed<KeyChange>.Invalid(KeyIds.Name, $"key \"{stored.Entry.Name}\" has no key or subkey \"{id}\"");
            }
        }

        var key = new ExpiryEditor(timeProvider).SetExpiry(stored.Key, primary, [.. subkeys.Select(s => s.KeyId)], expiresAt);
        var changed = (primary ? [info.Fingerprint] : Array.Empty<string>()).Concat(subkeys.Select(s => s.Fingerprint)).Distinct().Select(WireHex.Lower);
        var settings = $"expires={(expiresAt is { } at ? TimeValues.Unix(at) : Never)} keys={string.Join(',', changed)}";
        return new KeyChange(key, KeyEventEntry.Expiry, null, settings);
    }

    /// <summary>The new expiry from expires_at or expires (exactly one), null for never; a past time is refused here,
    /// naming the field, before the key is loaded.</summary>
    private static Parsed<Expiry> ParseExpiry(FieldData data, DateTimeOffset now)
    {
        var atSent = data.TryGet(ExpiresAt, out var atText);
        var lifetimeSent = data.TryGet(Expires, out var lifetime);
        if (atSent == lifetimeSent)
        {
            return Parsed<Expiry>.Invalid("give exactly one of expires_at and expires");
        }

        if (lifetimeSent)
        {
            var parsed = RequestValues.Lifetime(Expires.Name, lifetime);
            return parsed.Failed ? parsed.Problem : new Expiry(parsed.Value is { } span ? now + span : null);
        }

        if (string.Equals(atText, Never, StringComparison.OrdinalIgnoreCase))
        {
            return new Expiry(null);
        }

        var at = TimeValues.Rfc3339(ExpiresAt.Name, atText!, "\"never\"");
        if (at.Failed)
        {
            return at.Problem;
        }

        return at.Value <= now ? Parsed<Expiry>.Invalid(ExpiresAt.Name, $"{KeyView.Timestamp(at.Value)} is not in the future") : new Expiry(at.Value);
    }

    /// <summary>A new expiry; null <paramref name="At"/> for never.</summary>
    private sealed record Expiry(DateTimeOffset? At);

    private const string Synopsis = "Set, extend or remove the expiry of a key's primary key or subkeys.";

    private const string Description = """
        POST makes new self-signatures with the new expiry, in Vault: a user ID certification of the same type for each
        valid user ID (and a direct-key signature when the key has one) for the primary key, a subkey binding for each
        subkey named in key_ids, with a fresh back-signature for a signing subkey. Each keeps the other subpackets of
        the signature it replaces (key flags, preferences, features) and uses SHA-256 or stronger even where the old one
        was SHA-1. The old signatures stay. Users who import the new public key over the old one (gpg --import,
        rpmkeys --import, apt's keyring) see the new expiry; signatures made before and after verify. An expired key
        signs again once its expiry is extended. The answer is the key's facts, as keys/:name reads them.
        """;
}
