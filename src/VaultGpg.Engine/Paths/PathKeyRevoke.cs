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

/// <summary>
/// <c>keys/:name/revoke</c> (revoke the primary key or a subkey) and <c>keys/:name/revocation-certificate</c> (read
/// the certificate made with the key, on a path of its own so a policy can guard it).
/// </summary>
internal sealed class PathKeyRevoke(KeyStore keys, KeyEvents keyEvents, TimeProvider timeProvider, ILogger<PathKeyRevoke> log)
{
    /// <summary>Reason names on the wire, in RFC 4880 code order.</summary>
    public static readonly IReadOnlyList<string> Reasons = ["none", "superseded", "compromised", "retired"];

    private static readonly FieldSchema<string> Name = KeyFields.Name;

    private static readonly FieldSchema<string> Subkey = Field.String(
        "subkey",
        "Key ID (16 hex digits) or fingerprint of the subkey to revoke (a subkey revocation, 0x28). Default: \"\", which " +
        "revokes the primary key (0x20) and with it every subkey.");

    private static readonly FieldSchema<string> Reason = Field.String(
        "reason",
        "Reason for the revocation: none, superseded, compromised or retired (RFC 4880 codes 0 to 3). Default: none.",
        @default: "none");

    private static readonly FieldSchema<string> RevocationComment = Field.String(
        "comment",
        "Human explanation stored in the revocation (its reason text), at most 1024 bytes. Default: \"\".");

    public static PathDefinition[] Define(PathKeyRevoke h) =>
    [
        new("keys/" + PathPatterns.Name(Name) + "/revoke")
        {
            Fields = [Name, Subkey, Reason, RevocationComment],
            Operations = { [Operation.Update] = new(h.RevokeAsync) { Summary = "Revoke a key or one of its subkeys." } },
            HelpSynopsis = RevokeSynopsis,
            HelpDescription = RevokeDescription,
        },
        new("keys/" + PathPatterns.Name(Name) + "/revocation-certificate")
        {
            Fields = [Name],
            Operations = { [Operation.Read] = new(h.ReadCertificateAsync) { Summary = "Read the revocation certificate made with the key." } },
            HelpSynopsis = CertificateSynopsis,
            HelpDescription = CertificateDescription,
        },
    ];

    private async Task<Response?> RevokeAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        var reasonIndex = Reasons.ToList().IndexOf(data.Get(Reason));
        if (reasonIndex < 0)
        {
            return Response.InvalidRequest($"{Reason.Name}: unsupported reason \"{data.Get(Reason)}\"; must be one of {string.Join(", ", Reasons)}");
        }

        var reason = (RevocationReasonCode)reasonIndex;
        var subkey = data.Get(Subkey).Trim();
        var comment = data.Get(RevocationComment);
        using (await keys.LockAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var found = await keys.RequireAsync(request, name, cancellationToken).ConfigureAwait(false);
            if (found.Failed)
            {
                return found.Problem.ToResponse();
            }

            var key = found.Value.Key;
            string? subkeyFingerprint = null;
            OpenPgpKey revoked;
            try
            {
                if (subkey.Length == 0)
                {
                    revoked = new KeyRevoker(timeProvider).Revoke(key, reason, comment);
                }
                else
                {
                    subkeyFingerprint = key.Info.FindSubkey(subkey)?.Fingerprint
                        ?? throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"key \"{name}\" has no subkey {subkey}");
                    revoked = new KeyRevoker(timeProvider).RevokeSubkey(key, subkeyFingerprint, reason, comment);
                }
            }
            catch (OpenPgpException e) when (e.Kind == OpenPgpErrorKind.InvalidInput)
            {
                var field = e.Message.Contains("comment", StringComparison.Ordinal) ? RevocationComment.Name
                    : subkeyFingerprint is not null || subkey.Length > 0 ? Subkey.Name : null;
                return new Problem(field, e.Message).ToResponse();
            }

            await keyEvents.RecordAsync(
                request.Storage, KeyEventEntry.Revoke, name, revoked, subkeyFingerprint, "reason=" + Reasons[reasonIndex], cancellationToken).ConfigureAwait(false);
            var entry = found.Value.Entry with { StoredKey = revoked.ToStoredForm() };
            await keys.PutAsync(request.Storage, entry, revoked, cancellationToken).ConfigureAwait(false);
            EngineLog.KeyRevoked(log, name, key.Info.Fingerprint, subkeyFingerprint is null ? "primary key" : "subkey " + subkeyFingerprint, Reasons[reasonIndex], request.Id);
            return Response.WithData(KeyView.Describe(new StoredKey(entry, revoked), timeProvider.GetUtcNow()));
        }
    }

    private async Task<Response?> ReadCertificateAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        var stored = await keys.GetAsync(request.Storage, name, cancellationToken).ConfigureAwait(false);
        var certificate = stored is null ? null : await RevocationCertificates.GetAsync(request.Storage, name, cancellationToken).ConfigureAwait(false);
        if (certificate is null)
        {
            return null;
        }

        EngineLog.RevocationCertificateRead(log, name, stored!.Key.Info.Fingerprint, request.Id);
        return Response.WithData(new JsonObject
        {
            ["name"] = name,
            ["fingerprint"] = WireHex.Lower(stored.Key.Info.Fingerprint),
            ["revocation_certificate"] = certificate,
        });
    }

    private const string RevokeSynopsis = "Revoke a named key or one of its subkeys.";

    private const string RevokeDescription = """
        Adds a revocation signature made by the primary key: a key revocation (0x20) when no subkey is named, which
        revokes the key and every subkey, or a subkey revocation (0x28) of the subkey named by key ID or fingerprint.
        From then on sign/ refuses the revoked key (a revoked subkey's key may still sign with another valid signing
        subkey, as gpg would choose it), verify/ reports its signatures as revoked_key, and export-public/ exports the
        revoked key, which gpg and sq show as revoked after import. A revocation cannot be undone.
        """;

    private const string CertificateSynopsis = "Read the revocation certificate made with a named key.";

    private const string CertificateDescription = """
        Returns the revocation certificate made when the key was generated (or imported with its secret primary key):
        a key revocation signature with reason "key has been compromised", armored as gpg writes it. gpg --import of
        it revokes the key. It is stored apart from the key and returned only here, so a Vault policy can deny this path
        to everyone but whoever keeps it in a safe place. 404 when the key has none.
        """;
}
