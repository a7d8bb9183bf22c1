using System.Text;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

public sealed class PathExportTests : IAsyncLifetime
{
    private readonly GpgOracle _gpg = GpgOracle.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _gpg.DisposeAsync();

    [Fact]
    public async Task Export_NotExportable_Returns400()
    {
        var backend = await TestBackend.CreateAsync();
        await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test" });

        var exported = await backend.ReadAsync("export/release");

        Assert.Equal(400, exported.Status(Operation.Read));
        Assert.Contains("not exportable", exported.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_MissingKey_Returns404()
    {
        var backend = await TestBackend.CreateAsync();

        Assert.Equal(404, (await backend.ReadAsync("export/nope")).Status(Operation.Read));
        Assert.Equal(404, (await backend.ReadAsync("export-public/nope")).Status(Operation.Read));
    }

    [GpgFact]
    public async Task Export_MadeExportableByConfig_GpgImportsSecretKeyWithPassphrase()
    {
        // Arrange
        var backend = await TestBackend.CreateAsync();
        var created = await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test" });
        var configured = await backend.WriteAsync("keys/release/config", new { exportable = true });

        // Act
        var exported = await backend.WriteAsync("export/release", new { passphrase = "s3cret pass" });
        var import = await _gpg.ImportAsync(Encoding.ASCII.GetBytes(exported.Text("key")), "s3cret pass");
        var secretKeys = await _gpg.ListKeysAsync(secret: true);

        // Assert
        Assert.True(configured.Data["exportable"]!.GetValue<bool>());
        Assert.Equal(0, import.ExitCode);
        var gpgFingerprint = created.Text("fingerprint").ToUpperInvariant();
        Assert.Contains(secretKeys, r => r.Type == "fpr" && r.UserIdOrFingerprint == gpgFingerprint);
        Assert.Contains("S2K", await _gpg.ListPacketsAsync(Encoding.ASCII.GetBytes(exported.Text("key"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_PassphraseInQuery_Returns400()
    {
        var backend = await TestBackend.CreateAsync();
        await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test", exportable = true });

        var exported = await backend.ReadAsync("export/release", new { passphrase = "in the url" });

        Assert.Equal(400, exported.Status(Operation.Read));
    }

    [GpgFact("rpmkeys")]
    public async Task ExportPublic_RsaKey_RpmImportsIt()
    {
        var backend = await TestBackend.CreateAsync();
        await backend.WriteAsync("keys/rpm", new { key_type = "rsa", real_name = "Test", key_bits = 2048 });

        var exported = await backend.ReadAsync("export-public/rpm");
        await using var rpm = RpmKeyring.Create();
        var imported = await rpm.ImportAsync(Encoding.ASCII.GetBytes(exported.Text("public_key")));

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.DoesNotContain("PRIVATE", exported.Text("public_key"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_ExportableBackToFalse_Returns400AndStaysExportable()
    {
        var backend = await TestBackend.CreateAsync();
        await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test", exportable = true });

        var configured = await backend.WriteAsync("keys/release/config", new { exportable = false });

        Assert.Equal(400, configured.Status(Operation.Update));
        Assert.True((await backend.ReadAsync("keys/release")).Data["exportable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Config_MissingKey_Returns400()
    {
        var backend = await TestBackend.CreateAsync();

        var configured = await backend.WriteAsync("keys/nope/config", new { deletion_allowed = true });

        Assert.Equal(400, configured.Status(Operation.Update));
        Assert.Contains("key not found", configured.ErrorMessage, StringComparison.Ordinal);
    }
}
