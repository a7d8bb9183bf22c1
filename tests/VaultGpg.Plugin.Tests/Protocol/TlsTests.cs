using Grpc.Core;
using Grpc.Health.V1;
using VaultGpg.Plugin.Tests.Protocol.Support;

namespace VaultGpg.Plugin.Tests.Protocol;

/// <summary>The plugin serves only the holder of the certificate Vault passed in PLUGIN_CLIENT_CERT.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Connect_WithVaultCertificate_IsServed()
    {
        await using var host = await FakeVaultHost.StartAsync();

        var reply = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest { Service = "plugin" });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Connect_WithoutClientCertificate_IsRefusedAndLogged()
    {
        await using var host = await FakeVaultHost.StartAsync();
        var channel = host.CreateChannel(clientCertificate: null);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "plugin" }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        await host.WaitForStderrAsync(l => l.Contains("refused a TLS client: no client certificate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_WithAnotherCertificateOfTheSameShape_IsRefusedAndLogged()
    {
        await using var host = await FakeVaultHost.StartAsync();
        using var impostor = GoPluginCertificates.CreateVaultLike();
        var channel = host.CreateChannel(impostor);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "plugin" }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        await host.WaitForStderrAsync(l => l.Contains("not the one in PLUGIN_CLIENT_CERT", StringComparison.Ordinal));
    }
}
