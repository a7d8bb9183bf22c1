using VaultGpg.Cli.Vault;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Transparency;

/// <summary>The <c>.tlog-proof</c> file a signature ships with (C2SP tlog-proof), as sign writes it and verify reads it.</summary>
internal static class TlogProofFile
{
    public const string Extension = ".tlog-proof";

    public const string LogOff =
        "the mount's transparency log is off (Vault's answer has no log_index): turn it on with log/config, or sign without --log-proof";

    /// <summary>The proof text of a sign answer, or null when it has none or it is not a tlog-proof.</summary>
    public static string? FromAnswer(SignResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.LogIndex is null || result.LogProof is not { } text)
        {
            return null;
        }

        try
        {
            return TlogProof.Parse(text).Index == result.LogIndex ? text : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
