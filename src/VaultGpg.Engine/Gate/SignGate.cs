using System.Collections.Concurrent;
using System.Security.Cryptography;
using VaultGpg.Engine.Paths;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Gate;

/// <summary>
/// The reproducible-build gate of one sign request: with a policy on the key, an item is signed only when at least
/// the policy's threshold of distinct policy builders attested its digest, counting each builder once and only while
/// the policy still names it with the key it attested with. The digest is the file's own: SHA-256 and SHA-512 of the
/// input (a builder that recorded either counts), or the client's hash state finished as a plain hash, which must
/// then be SHA-256 or SHA-512 (what attestations record).
/// </summary>
internal sealed class SignGate
{
    private const string Sha256 = "sha256";
    private const string Sha512 = "sha512";

    private readonly string _name;

    private SignGate(string name, GatePolicy policy)
    {
        _name = name;
        Policy = policy;
    }

    public GatePolicy Policy { get; }

    /// <summary>The gate of key <paramref name="name"/>, or null when it has no policy (it signs as without the gate).</summary>
    public static async Task<SignGate?> OpenAsync(IStorage storage, string name, CancellationToken cancellationToken)
    {
        var policy = await GateStore.GetPolicyAsync(storage, name, cancellationToken).ConfigureAwait(false);
        return policy is null ? null : new SignGate(name, policy);
    }

    /// <summary>Judges every valid item of a batch (items in parallel); the verdicts by item.</summary>
    public async Task<IReadOnlyDictionary<FieldData, Parsed<GateVerdict>>> JudgeAllAsync(
        IStorage storage, IReadOnlyList<BatchItem> batch, Func<FieldData, (string Field, string? Input, string? HashState)> read, CancellationToken cancellationToken)
    {
        var verdicts = new ConcurrentDictionary<FieldData, Parsed<GateVerdict>>(ReferenceEqualityComparer.Instance);
        await Parallel.ForEachAsync(
                batch.Where(i => !i.Failed),
                new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (item, token) =>
                {
                    var (field, input, hashState) = read(item.Data);
                    verdicts[item.Data] = await JudgeAsync(storage, field, input, hashState, token).ConfigureAwait(false);
                })
            .ConfigureAwait(false);
        return verdicts;
    }

    /// <summary>Judges one item: its input (base64) or hash state (base64), whichever it sent.</summary>
    public async Task<Parsed<GateVerdict>> JudgeAsync(IStorage storage, string field, string? input, string? hashState, CancellationToken cancellationToken)
    {
        var digests = Digests(field, input, hashState);
        if (digests.Failed)
        {
            return digests.Problem;
        }

        var attested = new Dictionary<string, AttestedBy>(StringComparer.Ordinal);
        foreach (var (algorithm, hex) in digests.Value)
        {
            foreach (var entry in await GateStore.GetAttestedAsync(storage, _name, algorithm, hex, cancellationToken).ConfigureAwait(false))
            {
                if (Policy.Counts(entry))
                {
                    attested.TryAdd(entry.Builder, entry);
                }
            }
        }

        var digest = $"{digests.Value[0].Algorithm}:{digests.Value[0].Hex}";
        if (attested.Count >= Policy.Threshold)
        {
            return new GateVerdict(digest, Policy.Threshold, [.. attested.Values.OrderBy(a => a.Builder, StringComparer.Ordinal).Take(Policy.Threshold)]);
        }

        var missing = Policy.Builders.Select(b => b.Id).Where(id => !attested.ContainsKey(id)).Order(StringComparer.Ordinal);
        return Parsed<GateVerdict>.Invalid(
            $"build policy not met: {attested.Count} of the {Policy.Threshold} required builders attested {digest}; " +
            $"attested: {(attested.Count == 0 ? "none" : string.Join(", ", attested.Keys.Order(StringComparer.Ordinal)))}; missing: {string.Join(", ", missing)}");
    }

    private static Parsed<List<(string Algorithm, string Hex)>> Digests(string field, string? input, string? hashState)
    {
        if (hashState is null)
        {
            var bytes = RequestValues.Base64(field, input ?? "");
            return bytes.Failed ? bytes.Problem
                : new List<(string, string)> { (Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes.Value))), (Sha512, Convert.ToHexStringLower(SHA512.HashData(bytes.Value))) };
        }

        var state = RequestValues.Base64(field, hashState);
        if (state.Failed)
        {
            return state.Problem;
        }

        ResumableHash resumed;
        try
        {
            resumed = ResumableHash.Import(state.Value);
        }
        catch (OpenPgpException e)
        {
            return Parsed<List<(string, string)>>.Invalid(field, e.Message);
        }

        var algorithm = resumed.Algorithm switch
        {
            OpenPgp.HashAlgorithm.Sha256 => Sha256,
            OpenPgp.HashAlgorithm.Sha512 => Sha512,
            _ => null,
        };
        return algorithm is null
            ? Parsed<List<(string, string)>>.Invalid(field, "the key's build policy judges the file's sha256 or sha512 digest, which attestations record; send a sha2-256 or sha2-512 hash state")
            : new List<(string, string)> { (algorithm, Convert.ToHexStringLower(resumed.Finish())) };
    }
}
