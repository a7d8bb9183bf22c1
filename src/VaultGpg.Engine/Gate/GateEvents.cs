using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VaultGpg.Engine.Log;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Gate;

/// <summary>
/// Puts the gate's events in the transparency log when it is on: policy changes and accepted attestations before they
/// are written (a change the log does not show never happens), gated signatures right after their signature entries.
/// </summary>
internal sealed class GateEvents(TransparencyLog transparency, TimeProvider timeProvider)
{
    /// <summary>The policy's hash in its log entries: SHA-256 of <c>threshold k\n</c> then <c>builder id type key-id\n</c>
    /// per builder, sorted by id.</summary>
    public static string PolicyHash(GatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"threshold {policy.Threshold}\n"));
        foreach (var builder in policy.Builders.OrderBy(b => b.Id, StringComparer.Ordinal))
        {
            text.Append("builder ").Append(builder.Id).Append(' ').Append(builder.Type).Append(' ').Append(builder.KeyId).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>A policy set (or, with <paramref name="policy"/> null, deleted).</summary>
    public async Task RecordPolicyAsync(IStorage storage, string name, string primaryFingerprint, GatePolicy? policy, CancellationToken cancellationToken)
    {
        if (await OriginAsync(storage, cancellationToken).ConfigureAwait(false) is not { } origin)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        if (policy is null)
        {
            await transparency.AppendAsync(storage, [GateEntry.ForPolicyDelete(origin, name, primaryFingerprint, now).ToBytes()], cancellationToken).ConfigureAwait(false);
            return;
        }

        var hash = PolicyHash(policy);
        List<byte[]> entries = [GateEntry.ForPolicy(origin, name, primaryFingerprint, policy.Threshold, policy.Builders.Count, hash, now).ToBytes()];
        entries.AddRange(policy.Builders.OrderBy(b => b.Id, StringComparer.Ordinal).Select(b => GateEntry.ForPolicyBuilder(origin, name, hash, b.Id, b.Type, b.KeyId, now).ToBytes()));
        await transparency.AppendAsync(storage, entries, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An attestation accepted: one entry per builder and digest recorded.</summary>
    public async Task RecordAttestationAsync(IStorage storage, string name, string attestation, IReadOnlyList<(GateBuilder Builder, string Digest)> recorded, CancellationToken cancellationToken)
    {
        if (await OriginAsync(storage, cancellationToken).ConfigureAwait(false) is not { } origin)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var entries = recorded.Select(r => GateEntry.ForAttestation(origin, name, attestation, r.Builder.Id, r.Builder.KeyId, r.Digest, now).ToBytes()).ToList();
        await transparency.AppendAsync(storage, entries, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gated signatures, each naming its signature entry's log index.</summary>
    public async Task RecordSignaturesAsync(IStorage storage, IReadOnlyList<(long SignatureEntry, GateVerdict Verdict)> signatures, CancellationToken cancellationToken)
    {
        if (signatures.Count == 0 || await OriginAsync(storage, cancellationToken).ConfigureAwait(false) is not { } origin)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var entries = signatures
            .Select(s => GateEntry.ForSignature(origin, s.SignatureEntry, s.Verdict.Digest, s.Verdict.Threshold, s.Verdict.ReliedOn.Select(a => a.Attestation), now).ToBytes())
            .ToList();
        await transparency.AppendAsync(storage, entries, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> OriginAsync(IStorage storage, CancellationToken cancellationToken)
    {
        var config = await transparency.GetConfigAsync(storage, cancellationToken).ConfigureAwait(false);
        return config is { Enabled: true } ? config.Origin : null;
    }
}
