using System.Text;

namespace VaultGpg.TestSupport;

/// <summary>What an external program left behind: exit code, raw stdout (may be binary) and stderr text.</summary>
public sealed record ProcessResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    /// <summary>A one-line summary for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}; stderr: {Stderr.Trim()}";
}
