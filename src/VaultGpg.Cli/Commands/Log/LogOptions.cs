using System.CommandLine;
using VaultGpg.Cli.Hosting;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Commands.Log;

/// <summary>Options the <c>log</c> commands share.</summary>
internal static class LogOptions
{
    public static Option<string> LogKey() => new("--log-key")
    {
        Description = "The log's verifier key (<origin>+<id>+<base64>), pinned from a trusted channel (log/verifier-key shows it).",
        Required = true,
    };

    /// <summary>An Ed25519 (type 0x01) signed-note verifier key; a usage error for anything else.</summary>
    public static INoteVerifier ParseLogKey(string verifierKey)
    {
        try
        {
            return Ed25519NoteVerifier.Parse(verifierKey) is Ed25519NoteVerifier key
                ? key
                : throw new UsageException("--log-key: not a log's Ed25519 verifier key (a witness's cosignature key?)");
        }
        catch (FormatException e)
        {
            throw new UsageException($"--log-key: {e.Message}");
        }
    }
}
