using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VaultGpg.Attestation;
using VaultGpg.Engine.Gate;
using VaultGpg.Engine.Keys;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Paths;

/// <summary><c>keys/:name/attest</c>: builders post their in-toto links or DSSE envelopes; the engine checks them against
/// the key's policy and records, per artifact digest, which builders attested it.</summary>
internal sealed class PathKeysAttest(KeyStore keys, GateEvents gateEvents, TimeProvider timeProvider, ILogger<PathKeysAttest> log)
{
    private static readonly FieldSchema<string> Name = KeyFields.Name;

    private static readonly FieldSchema<string> Attestation = Field.String(
        "attestation",
        "The attestation file, base64-encoded: in-toto link metadata as in-toto-run writes it (signed with an in-toto " +
        "key or with --gpg), or a DSSE envelope holding an in-toto Statement v1. At most 1 MiB.",
        required: true);

    public static PathDefinition[] Define(PathKeysAttest h) =>
    [
        new("keys/" + PathPatterns.Name(Name) + "/attest")
        {
            Fields = [Name, Attestation],
            Operations = { [Operation.Update] = new(h.AttestAsync) { Summary = "Record a builder's attestation of artifact digests." } },
            HelpSynopsis = Synopsis,
            HelpDescription = Description,
        },
    ];

    private async Task<Response?> AttestAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        var bytes = RequestValues.Base64(Attestation.Name, data.Get(Attestation));
        if (bytes.Failed)
        {
            return bytes.Problem.ToResponse();
        }

        AttestationDocument document;
        try
        {
            document = AttestationDocument.Parse(bytes.Value);
        }
        catch (AttestationException e)
        {
            return Response.InvalidRequest($"{Attestation.Name}: malformed: {e.Message}");
        }

        using (await keys.LockAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var found = await keys.RequireAsync(request, name, cancellationToken).ConfigureAwait(false);
            if (found.Failed)
            {
                return found.Problem.ToResponse();
            }

            var policy = await GateStore.GetPolicyAsync(request.Storage, name, cancellationToken).ConfigureAwait(false);
            if (policy is null)
            {
                return Response.InvalidRequest($"key \"{name}\" has no build policy (keys/{name}/policy); attestations count only for a key with one");
            }

            IReadOnlyList<string> signers;
            try
            {
                var builders = policy.Builders.ToDictionary(b => b.Id, b => BuilderKey.Parse(b.Type, b.PublicKey, timeProvider), StringComparer.Ordinal);
                signers = document.VerifySigners(builders);
            }
            catch (AttestationException e)
            {
                return Response.InvalidRequest($"{Attestation.Name}: {e.Message}");
            }

            var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
            var signedBy = policy.Builders.Where(b => signers.Contains(b.Id)).ToList();
            var digests = document.Artifacts
                .SelectMany(a => new[] { ("sha256", a.Sha256), ("sha512", a.Sha512) })
                .Where(d => d.Item2 is not null)
                .Select(d => (Algorithm: d.Item1, Hex: d.Item2!))
                .Distinct()
                .ToList();

            // Logged before stored: an attestation the log does not show never counts.
            await gateEvents.RecordAttestationAsync(
                    request.Storage, name, document.Sha256, [.. signedBy.SelectMany(b => digests.Select(d => (b, $"{d.Algorithm}:{d.Hex}")))], cancellationToken)
                .ConfigureAwait(false);
            foreach (var (algorithm, hex) in digests)
            {
                var recorded = await GateStore.GetAttestedAsync(request.Storage, name, algorithm, hex, cancellationToken).ConfigureAwait(false);
                // One entry per builder (a later attestation replaces its earlier one), and only builders the policy still
                // names with the same key: the record never outgrows the policy.
                var entries = recorded.Where(e => policy.Counts(e) && !signers.Contains(e.Builder))
                    .Concat(signedBy.Select(b => new AttestedBy(b.Id, b.KeyId, document.Sha256, now)))
                    .OrderBy(e => e.Builder, StringComparer.Ordinal)
                    .ToList();
                await GateStore.PutAttestedAsync(request.Storage, name, algorithm, hex, new AttestedDigest(entries), cancellationToken).ConfigureAwait(false);
            }

            GateLog.Attested(log, name, document.Sha256, signers, digests.Count, request.Id);
            return Response.WithData(new JsonObject
            {
                ["attestation"] = "sha256:" + document.Sha256,
                ["format"] = document.Format,
                ["builders"] = new JsonArray([.. signers.Select(s => (JsonNode)s)]),
                ["artifacts"] = new JsonArray([.. document.Artifacts.Select(a => (JsonNode)new JsonObject
                {
                    ["name"] = a.Name,
                    ["sha256"] = a.Sha256,
                    ["sha512"] = a.Sha512,
                })]),
            });
        }
    }

    private const string Synopsis = "Record a builder's attestation.";

    private const string Description = """
        Takes an in-toto link (in-toto-run, signed with an in-toto key or --gpg) or a DSSE envelope with an in-toto
        Statement v1, checks its signatures against the builders of the key's policy, and records which builders
        attested each product's (subject's) sha256 and sha512 digest. An unknown builder, a bad signature or a
        malformed document is a 400 and nothing is recorded. Posting the same builder's attestation again counts once.
        """;
}
