using System.Text;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>The oracle itself must tell good from bad, or every test built on it proves nothing.</summary>
public sealed class GpgOracleTests
{
    [GpgFact]
    public async Task VerifyDetached_SignatureFromGpg_ReportsValidWithSigningFingerprint()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync("Oracle <oracle@example.org>", "ed25519", "sign");
        var data = Encoding.UTF8.GetBytes("payload");
        var signed = (await gpg.SignDetachedAsync(fingerprint, data, digestAlgorithm: "SHA384")).EnsureSuccess("sign");

        // Act
        var (_, status) = await gpg.VerifyDetachedAsync(data, signed.Stdout);

        // Assert
        Assert.True(status.Good, status.ToString());
        Assert.Equal(fingerprint, status.Fingerprint);
        Assert.Equal(9, status.HashAlgorithm);
        Assert.Equal(fingerprint, signed.StatusOf("SIG_CREATED").Single().Arguments[^1]);
    }

    [GpgFact]
    public async Task VerifyDetached_TamperedData_ReportsBad()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync("Oracle <oracle@example.org>", "ed25519", "sign");
        var signature = (await gpg.SignDetachedAsync(fingerprint, "payload"u8.ToArray())).EnsureSuccess("sign").Stdout;

        // Act
        var (result, status) = await gpg.VerifyDetachedAsync("Payload"u8.ToArray(), signature);

        // Assert
        Assert.False(status.Valid);
        Assert.True(result.Has("BADSIG"), result.ToString());
        Assert.NotEqual(0, result.ExitCode);
    }

    [GpgFact("rpmkeys")]
    public async Task RpmKeyring_ImportGpgEd25519Key_ListsIt()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        await using var rpm = RpmKeyring.Create();
        var fingerprint = await gpg.GenerateKeyAsync("Oracle <oracle@example.org>", "ed25519", "sign");
        var publicKey = await gpg.ExportPublicKeyAsync(fingerprint);

        // Act
        var result = await rpm.ImportAsync(publicKey);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(await rpm.ListKeysAsync(), name => name.StartsWith("gpg-pubkey-" + fingerprint[^8..].ToLowerInvariant(), StringComparison.Ordinal));
    }

    [GpgFact]
    public async Task Dispose_AfterUse_RemovesHome()
    {
        // Arrange
        var gpg = GpgOracle.Create();
        await gpg.GenerateKeyAsync("Oracle <oracle@example.org>", "ed25519", "sign");

        // Act
        await gpg.DisposeAsync();

        // Assert
        Assert.False(Directory.Exists(gpg.Home));
    }
}
