namespace VaultGpg.OpenPgp.Keys;

/// <summary>The evaluated state of a whole ring: its primary key, subkeys and valid user IDs.</summary>
/// <param name="Primary">State of the primary key.</param>
/// <param name="Subkeys">State of each subkey, in ring order.</param>
/// <param name="UserIds">Valid user IDs, primary user ID first.</param>
/// <param name="InvalidRawUserIds">User IDs without a valid self-certification (gpg drops them on import).</param>
/// <param name="EvaluatedAt">The time validity was judged at.</param>
internal sealed record RingEvaluation(
    ComponentState Primary,
    IReadOnlyList<ComponentState> Subkeys,
    IReadOnlyList<string> UserIds,
    IReadOnlyList<byte[]> InvalidRawUserIds,
    DateTimeOffset EvaluatedAt)
{
    /// <summary>Whether import would drop something: a user ID without self-certification or an unbound subkey.</summary>
    public bool HasUnboundParts => InvalidRawUserIds.Count > 0 || Subkeys.Any(s => !s.HasBinding);
}
