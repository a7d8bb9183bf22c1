namespace VaultGpg.Cli.Signing;

/// <summary>
/// A sign refusal by the key's reproducible-build gate (API.md, "Gated signing"): the engine's message starts with
/// <c>build policy not met:</c> after the batch item's name. Reported per file without the item name, which only
/// means something to the request.
/// </summary>
internal static class GateRefusal
{
    private const string Prefix = "build policy not met: ";

    /// <summary>The file's report line for a gate refusal, or null when <paramref name="error"/> is something else.</summary>
    public static string? Describe(string? error)
    {
        var at = error?.IndexOf(Prefix, StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : "not signed, the key's build policy is not met: " + error![(at + Prefix.Length)..];
    }
}
