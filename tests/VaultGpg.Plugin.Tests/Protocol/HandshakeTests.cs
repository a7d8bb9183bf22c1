using System.Security.Cryptography.X509Certificates;
using VaultGpg.Plugin.Tests.Protocol.Support;
using Xunit.Abstractions;

namespace VaultGpg.Plugin.Tests.Protocol;

/// <summary>The stdout handshake line of the published plugin, checked the way go-plugin's client parses it.</summary>
public sealed class HandshakeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Handshake_VaultEnvironment_HasSixFieldsForProtocol5OverUnixGrpc()
    {
        await using var host = await FakeVaultHost.StartAsync();

        var fields = host.Handshake.Fields;
        Assert.Equal(6, fields.Length);
        Assert.Equal("1", fields[0]);
        Assert.Equal("5", fields[1]);
        Assert.Equal("unix", fields[2]);
        Assert.True(File.Exists(fields[3]), $"socket {fields[3]} does not exist");
        Assert.Equal("grpc", fields[4]);
        Assert.True(fields[5].Length > 50, "go-plugin ignores a certificate field of 50 characters or fewer");
        Assert.DoesNotContain('=', fields[5]);
    }

    [Fact]
    public async Task Handshake_Certificate_IsDerForLocalhostWithServerAndClientAuth()
    {
        await using var host = await FakeVaultHost.StartAsync();

        using var certificate = host.Handshake.DecodeCertificate();
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["localhost"], san.EnumerateDnsNames());
        var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        var usages = eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToList();
        Assert.Contains("1.3.6.1.5.5.7.3.1", usages);
        Assert.Contains("1.3.6.1.5.5.7.3.2", usages);
        Assert.True(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True((certificate.GetSerialNumber()[^1] & 0x80) == 0, "serial must be positive (Go 1.23+ rejects negative ones)");
        Assert.InRange(certificate.NotBefore.ToUniversalTime(), DateTime.UtcNow.AddMinutes(-2), DateTime.UtcNow.AddSeconds(-20));
    }

    [Fact]
    public async Task Handshake_ClientAcceptsOnlyOtherVersions_StillAnswers5AndLogsWarning()
    {
        await using var host = await FakeVaultHost.StartAsync(new Dictionary<string, string?> { ["PLUGIN_PROTOCOL_VERSIONS"] = "3,4,x" });

        Assert.Equal("5", host.Handshake.Fields[1]);
        await host.WaitForStderrAsync(l => l.Contains("\"@level\":\"warn\"", StringComparison.Ordinal) && l.Contains("app protocol 5", StringComparison.Ordinal));
        await host.WaitForStderrAsync(l => l.Contains("not a number: x", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handshake_MultiplexGrpcRequested_ExitsWithErrorAndNoHandshake()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            FakeVaultHost.StartAsync(new Dictionary<string, string?> { ["PLUGIN_MULTIPLEX_GRPC"] = "true" }));

        Assert.Contains("exited (1) before the handshake", error.Message, StringComparison.Ordinal);
        Assert.Contains("PLUGIN_MULTIPLEX_GRPC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handshake_Timing_ReportedForFiveLaunches()
    {
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await using var host = await FakeVaultHost.StartAsync();
            times.Add(host.TimeToHandshake.TotalMilliseconds);
        }

        times.Sort();
        output.WriteLine($"launch to handshake line (ms): median {times[2]:F0}, min {times[0]:F0}, max {times[^1]:F0}");
        // Only a sanity bound: go-plugin's StartTimeout is one minute, and machines are noisy.
        Assert.True(times[2] < 10_000, $"median start-up {times[2]} ms");
    }
}
