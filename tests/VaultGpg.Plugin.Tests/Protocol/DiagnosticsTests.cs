using System.Globalization;
using Grpc.Health.V1;
using VaultGpg.Plugin.Tests.Protocol.Support;

namespace VaultGpg.Plugin.Tests.Protocol;

/// <summary>
/// No way into key memory beside Vault (issue 14, item 4): the running plugin has no .NET diagnostic IPC socket
/// (through which any process of the same user could ask for a full memory dump), whatever DOTNET_EnableDiagnostics
/// the launching environment carries.
/// </summary>
public sealed class DiagnosticsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    public async Task RunningPlugin_AnyDiagnosticsSetting_HasNoDiagnosticSocket(string? inherited)
    {
        await using var host = await FakeVaultHost.StartAsync(
            new Dictionary<string, string?> { ["DOTNET_EnableDiagnostics"] = inherited });
        await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest { Service = "plugin" });

        var pattern = string.Create(CultureInfo.InvariantCulture, $"dotnet-diagnostic-{host.ProcessId}-*-socket");
        var sockets = new[] { Path.GetTempPath(), "/tmp/" }
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.EnumerateFiles(directory, pattern))
            .ToList();

        Assert.False(host.HasExited, "the plugin should still be serving");
        Assert.Empty(sockets);
    }
}
