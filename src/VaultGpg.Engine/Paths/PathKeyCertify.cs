using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Keys;
using VaultGpg.Engine.Log;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Paths;

/// <summary>
/// Hand-over to a new key: <c>keys/:name/certify</c> (the key certifies another key's user ID) and
/// <c>keys/:name/transition</c> (a transition statement naming the key and its successor, signed by both).
/// </summary>
internal sealed class PathKeyCertify(KeyStore keys, KeyEvents keyEvents, TimeProvider timeProvider, ILogger<PathKeyCertify> log)
{
    private static readonly FieldSchema<string> Name = KeyFields.Name;

    private static readonly FieldSchema<string> PublicKey = Field.String(
        "public_key",
        "The key to certify: its transferable public key, ASCII-armored or base64 of the binary, as gpg --export writes it.",
        required: true);

    private static readonly FieldSchema<string> UserId = Field.String(
        "user_id", "The user ID to certify, exactly as it is on the key given in public_key.", required: true);

    private static readonly FieldSchema<string> CertificationTypeField = Field.String(
        "certification_type",
        "Certification type: generic (0x10, as gpg --sign-key), persona (0x11), casual (0x12) or positive (0x13); the " +
        "hex codes are accepted too. Default: generic.",
        @default: "generic");

    private static readonly FieldSchema<TimeSpan> Expires = Field.DurationSeconds(
        "expires",
        "Lifetime of the certification, in seconds or as a duration such as 8760h; 0 means it never expires. Default: 0.");

    private static readonly FieldSchema<bool> CertificationExportable = Field.Bool(
        "exportable",
        "Whether the certification is exportable (true) or local, as gpg --lsign-key makes it (false; gpg drops local " +
        "signatures on import unless told import-local-sigs). Default: true.",
        @default: true);

    private static readonly FieldSchema<string> NewKey = Field.NameString(
        "new_key", "Name of the successor key on this mount; it signs the statement too.", required: true, maxLength: KeyFields.MaxNameLength);

    private static readonly FieldSchema<string> StatementComment = Field.String(
        "comment", "Free text added to the statement after the fingerprints (one or more lines). Default: \"\".");

    private static readonly FieldSchema<string> Algorithm = Field.String(
        "algorithm", "Hash algorithm of both signatures: sha2-224, sha2-256, sha2-384 or sha2-512. Default: sha2-512.", @default: "sha2-512");

    private static readonly Dictionary<string, CertificationType> CertificationTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["generic"] = CertificationType.Generic,
        ["0x10"] = CertificationType.Generic,
        ["persona"] = CertificationType.Persona,
        ["0x11"] = CertificationType.Persona,
        ["casual"] = CertificationType.Casual,
        ["0x12"] = CertificationType.Casual,
        ["positive"] = CertificationType.Positive,
        ["0x13"] = CertificationType.Positive,
    };

    public static PathDefinition[] Define(PathKeyCertify h) =>
    [
        new("keys/" + PathPatterns.Name(Name) + "/certify")
        {
            Fields = [Name, PublicKey, UserId, CertificationTypeField, Expires, CertificationExportable],
            Operations = { [Operation.Update] = new(h.CertifyAsync) { Summary = "Certify a user ID of another key." } },
            HelpSynopsis = CertifySynopsis,
            HelpDescription = CertifyDescription,
        },
        new("keys/" + PathPatterns.Name(Name) + "/transition")
        {
            Fields = [Name, NewKey, StatementComment, Algorithm],
            Operations = { [Operation.Update] = new(h.TransitionAsync) { Summary = "Sign a key transition statement with the key and its successor." } },
            HelpSynopsis = TransitionSynopsis,
            HelpDescription = TransitionDescription,
        },
    ];

    private async Task<Response?> CertifyAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        if (!CertificationTypes.TryGetValue(data.Get(CertificationTypeField), out var type))
        {
            return Response.InvalidRequest(
                $"{CertificationTypeField.Name}: unsupported type \"{data.Get(CertificationTypeField)}\"; must be generic, persona, casual, positive or 0x10 to 0x13");
        }

        var lifetime = RequestValues.Lifetime(Expires.Name, data.Get(Expires));
        var material = RequestValues.KeyMaterial(PublicKey.Name, data.Get(PublicKey));
        var userId = data.Get(UserId);
        if (lifetime.Failed || material.Failed)
        {
            return (lifetime.Problem ?? material.Problem)!.ToResponse();
        }

        if (userId.Length == 0)
        {
            return Response.InvalidRequest($"{UserId.Name}: must not be empty");
        }

        var found = await keys.RequireAsync(request, name, cancellationToken).ConfigureAwait(false);
        if (found.Failed)
        {
            return found.Problem.ToResponse();
        }

        var certifier = found.Value.Key;
        CertifiedKey certified;
        try
        {
            var options = new CertificationOptions { Type = type, ExpiresAfter = lifetime.Value, Exportable = data.Get(CertificationExportable) };
            certified = new KeyCertifier(timeProvider).Certify(certifier, material.Value, userId, options);
        }
        catch (OpenPgpException e) when (e.Kind == OpenPgpErrorKind.CannotSign)
        {
            return Response.InvalidRequest($"key \"{name}\" cannot certify: {e.Message}");
        }
        catch (OpenPgpException e)
        {
            var field = e.Message.Contains("user ID \"", StringComparison.Ordinal) ? UserId.Name : PublicKey.Name;
            return new Problem(field, e.Message).ToResponse();
        }

        var typeCode = "0x" + ((int)type).ToString("x2", CultureInfo.InvariantCulture);
        await keyEvents.RecordAsync(
            request.Storage, KeyEventEntry.Certify, name, certifier, null, $"certified={certified.Fingerprint.ToLowerInvariant()} type={typeCode}", cancellationToken)
            .ConfigureAwait(false);
        EngineLog.KeyCertified(log, name, certifier.Info.Fingerprint, certified.Fingerprint, typeCode, request.Id);
        return Response.WithData(new JsonObject
        {
            ["fingerprint"] = WireHex.Lower(certified.Fingerprint),
            ["user_id"] = certified.UserId,
            ["certified_by"] = WireHex.Lower(certifier.Info.Fingerprint),
            ["certification_type"] = typeCode,
            ["created_at"] = KeyView.Timestamp(certified.CreatedAt),
            ["public_key"] = certified.PublicKeyArmored,
        });
    }

    private async Task<Response?> TransitionAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        var newName = data.Get(NewKey);
        var hash = RequestValues.HashAlgorithm(Algorithm.Name, data.Get(Algorithm));
        if (hash.Failed)
        {
            return hash.Problem.ToResponse();
        }

        if (newName == name)
        {
            return Response.InvalidRequest($"{NewKey.Name}: must name another key than \"{name}\"");
        }

        var found = await keys.RequireAsync(request, name, cancellationToken).ConfigureAwait(false);
        var successor = await keys.RequireAsync(request, newName, cancellationToken).ConfigureAwait(false);
        if (found.Failed || successor.Failed)
        {
            return (found.Problem ?? new Problem(NewKey.Name, successor.Problem!.Detail)).ToResponse();
        }

        var now = timeProvider.GetUtcNow();
        var (oldKey, newKey) = (found.Value.Key, successor.Value.Key);
        foreach (var (keyName, key) in new[] { (name, oldKey), (newName, newKey) })
        {
            var state = key.DescribeAt(now);
            if (!state.CanSign)
            {
                return Response.InvalidRequest($"key \"{keyName}\" cannot sign: {state.CannotSignReason}");
            }
        }

        string statement;
        try
        {
            statement = new CleartextCosigner(timeProvider).Sign([oldKey, newKey], StatementText(oldKey.DescribeAt(now), newKey.DescribeAt(now), data.Get(StatementComment), now), hash.Value);
        }
        catch (OpenPgpException e)
        {
            return new Problem(Algorithm.Name, e.Message).ToResponse();
        }

        await keyEvents.RecordAsync(
            request.Storage, KeyEventEntry.Transition, name, oldKey, null, $"new={newKey.Info.Fingerprint.ToLowerInvariant()}", cancellationToken).ConfigureAwait(false);
        EngineLog.TransitionSigned(log, name, oldKey.Info.Fingerprint, newName, newKey.Info.Fingerprint, request.Id);
        return Response.WithData(new JsonObject
        {
            ["old_fingerprint"] = WireHex.Lower(oldKey.Info.Fingerprint),
            ["new_fingerprint"] = WireHex.Lower(newKey.Info.Fingerprint),
            ["statement"] = statement,
        });
    }

    /// <summary>The statement: what changes, both fingerprints in gpg's grouped form, the date and the caller's text.</summary>
    internal static string StatementText(KeyInfo oldKey, KeyInfo newKey, string comment, DateTimeOffset now)
    {
        var text = new StringBuilder()
            .Append("OpenPGP key transition statement\n\n")
            .Append("The old key below is being replaced by the new key below. Both keys sign this statement.\n\n")
            .Append("Old key: ").Append(Grouped(oldKey.Fingerprint)).Append('\n')
            .Append("Old user ID: ").Append(oldKey.PrimaryUserId ?? "(none)").Append('\n')
            .Append("New key: ").Append(Grouped(newKey.Fingerprint)).Append('\n')
            .Append("New user ID: ").Append(newKey.PrimaryUserId ?? "(none)").Append('\n')
            .Append("Date: ").Append(KeyView.Timestamp(now)).Append('\n');
        if (comment.Trim().Length > 0)
        {
            text.Append('\n').Append(comment.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n')).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A fingerprint as gpg prints it: ten groups of four hex digits, two spaces in the middle.</summary>
    private static string Grouped(string fingerprint) =>
        string.Join(' ', Enumerable.Range(0, fingerprint.Length / 4).Select(i => i == 4 ? string.Concat(fingerprint.AsSpan(i * 4, 4), " ") : fingerprint.Substring(i * 4, 4)));

    private const string CertifySynopsis = "Certify a user ID of another key with a named key.";

    private const string CertifyDescription = """
        The key's primary key certifies the user ID user_id of the key given in public_key (a certification signature
        of type 0x10 to 0x13, optionally expiring or local), so a new release key can be vouched for by the old one.
        The answer holds the other key with the certification added: gpg --import it and gpg --check-sigs shows the
        certification as good. The key given is not stored. The key must be valid (not revoked or expired) to certify.
        """;

    private const string TransitionSynopsis = "Sign a key transition statement with a named key and its successor.";

    private const string TransitionDescription = """
        Returns a cleartext-signed statement naming the key and its successor new_key (both on this mount) by
        fingerprint and primary user ID, with the date and an optional comment, signed by both keys (each with the key
        it signs with now) in one signature block: gpg --verify reports two good signatures.
        """;
}
