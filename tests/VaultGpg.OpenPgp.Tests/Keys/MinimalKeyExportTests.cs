using System.Text;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>Minimal exports compared packet by packet with gpg's own export-minimal, and WKD hashes with gpg-wks-client's.</summary>
public sealed class MinimalKeyExportTests
{
    private const string WksClient = "/usr/lib/gnupg/gpg-wks-client";

    [GpgFact]
    public async Task Export_KeyWithSupersededSelfSignaturesThirdPartyCertificationAndExpiredSubkey_SamePacketsAsGpgExportMinimal()
    {
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync("Minimal Test <minimal@example.org>", "ed25519", "sign", "2y", passphrase: "");
        await gpg.AddSubkeyAsync(fingerprint, "cv25519", "encr", "never", passphrase: "");
        var signingSubkey = await gpg.AddSubkeyAsync(fingerprint, "ed25519", "sign", "never", passphrase: "");
        await gpg.AddSubkeyAsync(fingerprint, "ed25519", "sign", "seconds=1", passphrase: "");
        await Task.Delay(1100);
        (await gpg.RunAsync(["--passphrase", "", "--quick-set-expire", fingerprint, "3y"])).EnsureSuccess("set expiry");
        await gpg.SetSubkeyExpiryAsync(fingerprint, "1y", [signingSubkey], passphrase: "");
        var witness = await gpg.GenerateKeyAsync("Witness <w@example.org>", "ed25519", "sign", "never", passphrase: "");
        (await gpg.RunAsync(["--passphrase", "", "--local-user", witness, "--quick-sign-key", fingerprint])).EnsureSuccess("certify");
        await Task.Delay(1100); // the expired subkey is expired by now
        var full = await gpg.ExportPublicKeyAsync(fingerprint, armor: false);
        var gpgMinimal = (await gpg.RunAsync(["--export-options", "export-minimal", "--export", fingerprint])).EnsureSuccess("export-minimal").Stdout;
        var key = new KeyImporter().Import(full, new KeyImportOptions(AllowVerifyOnly: true));

        var minimal = MinimalKeyExport.Export(key, DateTimeOffset.UtcNow);

        Assert.True(PacketSequence.Of(full).Count > PacketSequence.Of(gpgMinimal).Count, "the test key must have something to drop");
        Assert.Equal(PacketSequence.Of(gpgMinimal), PacketSequence.Of(minimal));
    }

    [GpgFact]
    public async Task Export_KeepOnlyOneDomain_GpgImportsTheKeyWithThatUserIdOnly()
    {
        var key = new KeyGenerator().Generate(new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = "Two Domains", Email = "release@example.org" });
        await using var gpg = GpgOracle.Create();

        var minimal = MinimalKeyExport.Export(key, DateTimeOffset.UtcNow, userId => WkdHash.AddressOf(userId)?.EndsWith("@example.org", StringComparison.OrdinalIgnoreCase) == true);

        (await gpg.ImportAsync(minimal)).EnsureSuccess("import");
        var uid = Assert.Single(await gpg.ListKeysAsync(), r => r.Type == "uid");
        Assert.Equal("Two Domains <release@example.org>", uid.UserIdOrFingerprint);
        var refusal = Assert.Throws<OpenPgpException>(() => MinimalKeyExport.Export(key, DateTimeOffset.UtcNow, _ => false));
        Assert.Contains("no user ID", refusal.Message, StringComparison.Ordinal);
    }

    [GpgTheory(WksClient)]
    [InlineData("Release <release@example.org>")]
    [InlineData("Mixed.Case+tag@Example.ORG")]
    [InlineData("Joe <Joe.Doe@example.org>")]
    public async Task OfLocalPart_SameAsGpgWksClient(string userId)
    {
        var address = WkdHash.AddressOf(userId)!;

        var hash = WkdHash.OfLocalPart(address[..address.IndexOf('@', StringComparison.Ordinal)]);

        var wks = await ExternalProcess.RunAsync(WksClient, ["--print-wkd-hash", userId]);
        Assert.Equal(0, wks.ExitCode);
        Assert.Equal(hash, wks.StdoutText.Split(' ')[0]);
    }

    [Fact]
    public void ZBase32_KnownVector() =>
        // The z-base-32 specification's example: 0xF0 0xBF 0xC7 is "6n9hq".
        Assert.Equal("6n9hq", WkdHash.ZBase32([0xF0, 0xBF, 0xC7]));
}
