using Spectre.Console;
using VaultGpg.Cli.Signing;

namespace VaultGpg.Cli.Output;

/// <summary>A progress bar on a terminal (stderr), advanced per finished file.</summary>
internal sealed class SpectreSignProgress(ProgressTask task) : ISignProgress
{
    public void Completed(FileSignOutcome outcome) => task.Increment(1);

    /// <summary>Runs <paramref name="work"/> under a progress bar of <paramref name="total"/> files drawn on <paramref name="error"/>.</summary>
    public static async Task<T> RunAsync<T>(TextWriter error, string description, int total, Func<ISignProgress, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        // The caller decided this is a terminal (stderr not redirected); Spectre's own guess looks at the writer,
        // which is not the terminal itself, so say so.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: Math.Max(total, 1));
                return await work(new SpectreSignProgress(task)).ConfigureAwait(false);
            })
            .ConfigureAwait(false);
    }
}
