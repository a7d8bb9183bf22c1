using VaultGpg.Cli.Signing;

namespace VaultGpg.Cli.Output;

/// <summary>One line per finished file, for logs (CI, Jenkins): no terminal control codes.</summary>
internal sealed class PlainSignProgress(TextWriter writer) : ISignProgress
{
    private readonly Lock _lock = new();

    public void Completed(FileSignOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_lock)
        {
            writer.WriteLine(outcome.Succeeded ? $"signed {outcome.File} -> {outcome.SignaturePath}" : $"FAILED {outcome.File}: {outcome.Error}");
        }
    }
}
