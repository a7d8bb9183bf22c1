namespace VaultGpg.Transparency;

/// <summary>A C2SP tlog-policy group: witnessed when at least <paramref name="Threshold"/> of its members (witnesses or earlier groups) are.</summary>
public sealed record WitnessGroup(string Name, int Threshold, IReadOnlyList<string> Members);
