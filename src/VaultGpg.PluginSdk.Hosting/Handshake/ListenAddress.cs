namespace VaultGpg.PluginSdk.Hosting.Handshake;

/// <summary>Where the plugin listens, as go-plugin names it: network "unix" or "tcp" and the address.</summary>
internal sealed record ListenAddress(string Network, string Address)
{
    public const string Unix = "unix";
    public const string Tcp = "tcp";

    public static ListenAddress ForUnixSocket(string path) => new(Unix, path);

    public static ListenAddress ForTcpPort(int port) =>
        new(Tcp, "127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
