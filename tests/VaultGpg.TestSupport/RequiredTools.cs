namespace VaultGpg.TestSupport;

/// <summary>Decides whether oracle-backed tests can run on this machine.</summary>
public static class RequiredTools
{
    /// <summary>The tools every gpg-backed test needs.</summary>
    public static readonly IReadOnlyList<string> Gpg = ["gpg", "gpgconf"];

    /// <summary>Null when gpg, gpgconf and <paramref name="alsoRequired"/> are all on PATH, else a skip reason.</summary>
    public static string? MissingReason(IEnumerable<string>? alsoRequired = null)
    {
        var missing = Gpg.Concat(alsoRequired ?? []).Where(tool => !ExternalProcess.IsOnPath(tool)).ToList();
        return missing.Count == 0
            ? null
            : $"required program(s) not on PATH: {string.Join(", ", missing)} (install gnupg / rpm to run this test)";
    }
}
