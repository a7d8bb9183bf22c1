using VaultGpg.Plugin.Tests.Protocol.Support;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.Protocol;

/// <summary>
/// Vault's type detection launches plugins with a database cookie first, and people run binaries by hand: both must
/// end at once with exit 1, a human message on stderr and nothing at all on stdout.
/// </summary>
public sealed class CookieTests
{
    public static TheoryData<string, string?> WrongCookies => new()
    {
        { "VAULT_BACKEND_PLUGIN", null },
        { "VAULT_BACKEND_PLUGIN", "" },
        { "VAULT_BACKEND_PLUGIN", "not-the-cookie" },
        // The database plugin cookie: another key with its own value.
        { "VAULT_DATABASE_PLUGIN", "926a0820-aea2-be28-51d6-83cdf00e8edb" },
    };

    [Theory]
    [MemberData(nameof(WrongCookies))]
    public async Task Start_WithoutBackendCookie_Exits1WithMessageAndEmptyStdout(string key, string? value)
    {
        using var vaultCertificate = GoPluginCertificates.CreateVaultLike();
        var environment = FakeVaultHost.VaultEnvironment(vaultCertificate, new Dictionary<string, string?>
        {
            ["VAULT_BACKEND_PLUGIN"] = null,
            [key] = value,
        });
        using var process = FakeVaultHost.Launch(PublishedPlugin.Path, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("", await stdout);
        Assert.Contains("not meant to be run directly", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ByHandWithNoEnvironment_Exits1()
    {
        var result = await ExternalProcess.RunAsync(PublishedPlugin.Path, [], timeout: TimeSpan.FromSeconds(30));

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("HashiCorp Vault plugin", result.Stderr, StringComparison.Ordinal);
    }
}
