using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Hosting;

/// <summary>
/// The one place that turns expected failures into a message and an exit code: bad usage and Vault errors (2),
/// file system errors (2). Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class CommandErrors
{
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync("vaultgpg: " + e.Message).ConfigureAwait(false);
        }
        catch (VaultException e)
        {
            await error.WriteLineAsync("vaultgpg: " + e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync("vaultgpg: " + e.Message).ConfigureAwait(false);
        }

        return ExitCodes.Error;
    }
}
