namespace VaultGpg.Rpm;

/// <summary>The package format: v4 (rpm 4.x, lead major 3) or v6 (rpm 6, RPMFORMAT tag, lead major 4).</summary>
public enum RpmFormat
{
    V4 = 4,
    V6 = 6,
}
