namespace VaultGpg.Engine.Gate;

/// <summary>The gate let an item through: the digest judged (<c>sha256:hex</c> or <c>sha512:hex</c>), the policy's
/// threshold, and the attestations relied on (exactly <see cref="Threshold"/>, one per builder, by builder id).</summary>
internal sealed record GateVerdict(string Digest, int Threshold, IReadOnlyList<AttestedBy> ReliedOn);
