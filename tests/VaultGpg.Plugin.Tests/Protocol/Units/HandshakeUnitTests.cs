using VaultGpg.PluginSdk.Hosting.Handshake;

namespace VaultGpg.Plugin.Tests.Protocol.Units;

public sealed class HandshakeUnitTests
{
    [Theory]
    [InlineData("5", true)]
    [InlineData("3,4,5", true)]
    [InlineData(" 5 ,4", true)]
    [InlineData("4,3", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Negotiate_ClientVersions_Answers5AndSaysWhetherTheClientAccepts(string? versions, bool accepts)
    {
        var negotiation = ProtocolNegotiation.Negotiate(versions);

        Assert.Equal(5, negotiation.Version);
        Assert.Equal(accepts, negotiation.ClientAccepts);
    }

    [Fact]
    public void Negotiate_NonNumericEntries_ReportedAndSkipped()
    {
        var negotiation = ProtocolNegotiation.Negotiate("x,5,v4");

        Assert.True(negotiation.ClientAccepts);
        Assert.Equal(["x", "v4"], negotiation.InvalidEntries);
    }

    [Fact]
    public void Format_UnixListener_IsGoPluginsSixFieldLineWithUnpaddedBase64()
    {
        byte[] der = [1, 2, 3, 4];

        var line = HandshakeLine.Format(5, ListenAddress.ForUnixSocket("/tmp/plugin1"), der);

        Assert.Equal("1|5|unix|/tmp/plugin1|grpc|AQIDBA\n", line);
    }

    [Fact]
    public void Format_TcpListener_UsesLoopbackAddress() =>
        Assert.StartsWith("1|5|tcp|127.0.0.1:10000|grpc|", HandshakeLine.Format(5, ListenAddress.ForTcpPort(10000), [0]), StringComparison.Ordinal);

    [Fact]
    public void Read_Environment_ParsesPortsAndTreatsEmptyAsUnset()
    {
        var values = new Dictionary<string, string>
        {
            ["VAULT_BACKEND_PLUGIN"] = PluginEnvironment.CookieValue,
            ["PLUGIN_MIN_PORT"] = "10000",
            ["PLUGIN_MAX_PORT"] = "nope",
            ["PLUGIN_UNIX_SOCKET_DIR"] = "",
        };

        var environment = PluginEnvironment.Read(name => values.GetValueOrDefault(name));

        Assert.True(environment.HasValidCookie);
        Assert.Equal(10000, environment.MinPort);
        Assert.Equal(0, environment.MaxPort);
        Assert.Null(environment.UnixSocketDirectory);
        Assert.Null(environment.MultiplexGrpc);
    }
}
