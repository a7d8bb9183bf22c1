namespace VaultGpg.OpenPgp.Keys;

/// <summary>The evaluated state of a whole ring: its primary key, subkeys and valid user IDs.</summary>
/// <param name="Primary">State of the primary key.</param>
/// <param name="Subkeys">State of each subkey, in ring order.</param>
/// <param name="UserIds">Valid user IDs, primary user ID first.</param>
/// <param name="EvaluatedAt">The time validity was judged at.</param>
internal sealed record RingEvaluation(
    ComponentState Primary,
    IReadOnlyList<ComponentState> Subkeys,
    IReadOnlyList<string> UserIds,
    DateTimeOffset EvaluatedAt);
