using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Hosting;

/// <summary>
/// Everything a command needs from the outside world: console, environment, clock and the way to reach Vault.
/// <see cref="CreateHttpHandler"/> is the seam tests replace with a fake Vault.
/// </summary>
internal sealed record CliContext(
    CliConsole Console,
    CliEnvironment Environment,
    TimeProvider Time,
    Func<VaultSettings, HttpMessageHandler> CreateHttpHandler)
{
    public static CliContext FromProcess() =>
        new(CliConsole.FromProcess(), CliEnvironment.FromProcess(), TimeProvider.System, VaultHttp.CreateHandler);

    /// <summary>Reads the Vault settings from the environment and opens a client for the mount.</summary>
    public GpgMountClient ConnectMount(string? mountOverride = null)
    {
        var settings = VaultSettings.FromEnvironment(Environment);
        if (mountOverride is not null)
        {
            settings = settings with { Mount = mountOverride };
        }

        var http = VaultHttp.CreateClient(settings, CreateHttpHandler(settings));
        return new GpgMountClient(new VaultClient(http, settings.Address), settings.Mount);
    }
}
