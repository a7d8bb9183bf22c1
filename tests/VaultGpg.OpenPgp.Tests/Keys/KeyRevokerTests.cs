using System.Text;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>Revocation certificates and revocations of keys and subkeys, judged by gpg, gpgv, sqv and sq.</summary>
public sealed class KeyRevokerTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("released\n");
    private readonly KeyRevoker _revoker = new();

    private static OpenPgpKey NewKey() =>
        new KeyGenerator().Generate(new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = "Revoke Test", Email = "revoke@example.org" });

    [GpgFact]
    public async Task MakeCertificate_ImportedAfterThePublicKey_GpgListsTheKeyRevokedAsCompromised()
    {
        var key = NewKey();
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(key.ExportPublicKeyArmored()))).EnsureSuccess("import key");

        var certificate = _revoker.MakeCertificate(key);

        Assert.Contains(KeyRevoker.CertificateComment + "\n", certificate, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----\n", certificate, StringComparison.Ordinal);
        Assert.False(key.DescribeAt(DateTimeOffset.UtcNow).IsRevoked); // making the certificate revokes nothing
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(certificate))).EnsureSuccess("import certificate");
        var pub = Assert.Single(await gpg.ListKeysAsync(), r => r.Type == "pub");
        Assert.Equal("r", pub.Validity);
        var packets = await gpg.ListPacketsAsync(Encoding.ASCII.GetBytes(certificate));
        Assert.Contains("sigclass 0x20", packets, StringComparison.Ordinal);
        Assert.Contains("revocation reason 0x02", packets, StringComparison.Ordinal);
    }

    [GpgFact("sqv", "gpgv", "sq")]
    public async Task Revoke_Primary_EngineRefusesToSignAndGpgSqvAndSqSeeItRevoked()
    {
        var key = NewKey();
        var signature = new OpenPgpSigner().SignDetached(key, Data);
        await using var gpg = GpgOracle.Create();

        var revoked = _revoker.Revoke(key, RevocationReasonCode.Retired, "moved to a new key");

        var info = revoked.DescribeAt(DateTimeOffset.UtcNow);
        Assert.True(info.IsRevoked);
        Assert.Equal("key is no longer used", info.RevocationReason);
        Assert.Equal("moved to a new key", info.RevocationText);
        var refusal = Assert.Throws<OpenPgpException>(() => new OpenPgpSigner().SignDetached(revoked, Data));
        Assert.Equal(OpenPgpErrorKind.CannotSign, refusal.Kind);
        Assert.Contains("revoked", refusal.Message, StringComparison.Ordinal);
        Assert.True(OpenPgpKey.FromStoredForm(revoked.ToStoredForm()).DescribeAt(DateTimeOffset.UtcNow).IsRevoked);

        var publicKey = revoked.ExportPublicKey();
        (await gpg.ImportAsync(publicKey)).EnsureSuccess("import");
        Assert.Equal("r", Assert.Single(await gpg.ListKeysAsync(), r => r.Type == "pub").Validity);
        var keyring = await gpg.WriteTempFileAsync("keyring", publicKey);
        var signatureFile = await gpg.WriteTempFileAsync("sig", signature);
        var dataFile = await gpg.WriteTempFileAsync("data", Data);
        var sqv = await ExternalProcess.RunAsync("sqv", ["--keyring", keyring, signatureFile, dataFile]);
        Assert.NotEqual(0, sqv.ExitCode);
        // gpgv does not fail on a revoked key (neither does gpg --verify): it reports the signature as REVKEYSIG.
        var gpgv = await ExternalProcess.RunAsync("gpgv", ["--status-fd", "1", "--keyring", keyring, signatureFile, dataFile]);
        Assert.Contains("[GNUPG:] REVKEYSIG", gpgv.StdoutText, StringComparison.Ordinal);
        var sq = await ExternalProcess.RunAsync("sq", ["inspect", keyring]);
        Assert.Contains("Revoked", sq.StdoutText, StringComparison.Ordinal);
        Assert.Contains("moved to a new key", sq.StdoutText, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task RevokeSubkey_OneOfTwoSigningSubkeys_TheOtherSignsAndGpgListsOnlyTheRevokedOne()
    {
        var editor = new SubkeyEditor();
        var first = editor.AddSubkey(NewKey(), new SubkeyOptions { Type = KeyType.Ed25519 });
        await Task.Delay(1100); // the newer subkey must be newer by a whole second
        var second = editor.AddSubkey(first.Key, new SubkeyOptions { Type = KeyType.Ed25519 });
        Assert.Equal(second.Subkey.Fingerprint, second.Key.Info.SigningKeyFingerprint);
        await using var gpg = GpgOracle.Create();

        var revoked = _revoker.RevokeSubkey(second.Key, second.Subkey.Fingerprint.ToLowerInvariant(), RevocationReasonCode.Compromised, "laptop lost");

        var info = revoked.DescribeAt(DateTimeOffset.UtcNow);
        Assert.False(info.IsRevoked);
        Assert.True(info.FindSubkey(second.Subkey.KeyId)!.IsRevoked);
        Assert.Equal(first.Subkey.Fingerprint, info.SigningKeyFingerprint);
        var signature = new OpenPgpSigner().SignDetached(revoked, Data);
        (await gpg.ImportAsync(revoked.ExportPublicKey())).EnsureSuccess("import");
        var listing = await gpg.ListKeysAsync();
        Assert.Equal("r", Assert.Single(listing, r => r.Type == "sub" && r.KeyId == second.Subkey.KeyId).Validity);
        Assert.NotEqual("r", Assert.Single(listing, r => r.Type == "sub" && r.KeyId == first.Subkey.KeyId).Validity);
        Assert.NotEqual("r", Assert.Single(listing, r => r.Type == "pub").Validity);
        var (result, status) = await gpg.VerifyDetachedAsync(Data, signature);
        Assert.True(result.IsGood, result.ToString());
        Assert.Equal(first.Subkey.Fingerprint, status.Fingerprint);
    }

    [Fact]
    public void Revoke_Twice_Refused()
    {
        var revoked = _revoker.Revoke(NewKey(), RevocationReasonCode.Superseded);

        var refusal = Assert.Throws<OpenPgpException>(() => _revoker.Revoke(revoked, RevocationReasonCode.Superseded));
        Assert.Equal(OpenPgpErrorKind.InvalidInput, refusal.Kind);
        Assert.Contains("already revoked", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RevokeSubkey_UnknownSubkey_Refused()
    {
        var refusal = Assert.Throws<OpenPgpException>(() => _revoker.RevokeSubkey(NewKey(), "0123456789ABCDEF", RevocationReasonCode.NoReason));
        Assert.Contains("no subkey 0123456789ABCDEF", refusal.Message, StringComparison.Ordinal);
    }
}
