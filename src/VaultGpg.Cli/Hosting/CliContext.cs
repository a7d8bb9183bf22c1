using VaultGpg.Cli.Transparency;
using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Hosting;

/// <summary>
/// Everything a command needs from the outside world: console, environment, clock and the way to reach Vault.
/// <see cref="CreateHttpHandler"/> is the seam tests replace with a fake Vault, <see cref="RetryDelay"/> the one that
/// makes retry tests fast.
/// </summary>
internal sealed record CliContext(
    CliConsole Console,
    CliEnvironment Environment,
    TimeProvider Time,
    Func<VaultSettings, HttpMessageHandler> CreateHttpHandler)
{
    /// <summary>Waits between attempts of a Vault request; by default on <see cref="Time"/>.</summary>
    public Func<TimeSpan, CancellationToken, Task>? RetryDelay { get; init; }

    public static CliContext FromProcess() =>
        new(CliConsole.FromProcess(), CliEnvironment.FromProcess(), TimeProvider.System, VaultHttp.CreateHandler);

    /// <summary>Reads the Vault settings from the environment and opens a client for the mount.</summary>
    public GpgMountClient ConnectMount(string? mountOverride = null)
    {
        var (vault, mount) = Connect(mountOverride);
        return new GpgMountClient(vault, mount);
    }

    /// <summary>A reader of the mount's public transparency log (sends the token when there is one; the log needs none).</summary>
    public LogHttpReader ConnectLog(string? mountOverride = null)
    {
        var (vault, mount) = Connect(mountOverride);
        return new LogHttpReader(vault, mount);
    }

    private (VaultClient Vault, string Mount) Connect(string? mountOverride)
    {
        var settings = VaultSettings.FromEnvironment(Environment);
        if (mountOverride is not null)
        {
            settings = settings with { Mount = mountOverride };
        }

        var http = VaultHttp.CreateClient(settings, CreateHttpHandler(settings));
        var retry = new RetryPolicy(settings.MaxRetries, RetryPolicy.DefaultMinWait, RetryPolicy.DefaultMaxWait, RetryDelay ?? ((wait, ct) => Task.Delay(wait, Time, ct)));
        return (new VaultClient(http, settings.Address, retry), settings.Mount);
    }
}
