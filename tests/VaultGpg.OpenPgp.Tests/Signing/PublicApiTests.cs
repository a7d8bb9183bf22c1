using System.Text;
using VaultGpg.OpenPgp.Decryption;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Signing;

/// <summary>The public entry points on <see cref="OpenPgpKey"/>s loaded by our importer and generator, end to end with gpg.</summary>
public sealed class PublicApiTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("release artefact\n");
    private readonly OpenPgpSigner _signer = new();
    private readonly KeyImporter _importer = new();

    [GpgFact]
    public async Task SignDetached_KeyWithSigningSubkey_SubkeySignsAndGpgVerifies()
    {
        // Arrange: certify-only primary with a signing subkey, as careful users set keys up.
        await using var gpg = GpgOracle.Create();
        var primary = await gpg.GenerateKeyAsync("Subkey Signer <sub@example.org>", "ed25519", "cert");
        var subkey = await gpg.AddSubkeyAsync(primary, "ed25519", "sign");
        var key = _importer.Import(await gpg.ExportSecretKeyAsync(primary));

        // Act
        var signature = _signer.SignDetached(key, Data, new SignOptions { Armored = true });

        // Assert
        var (result, status) = await gpg.VerifyDetachedAsync(Data, signature);
        Assert.True(status.Good, result.ToString());
        Assert.Equal(subkey, status.Fingerprint);
        Assert.Equal(primary, status.PrimaryFingerprint);
        var ours = SignatureVerifier.VerifyDetached(key, Data, signature);
        Assert.True(ours.Valid);
        Assert.Equal(subkey, ours.Fingerprint);
    }

    [GpgFact]
    public async Task AllModes_GeneratedKey_GpgAcceptsEach()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var key = new KeyGenerator().Generate(new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = "Generated" });
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(key.ExportPublicKeyArmored()))).EnsureSuccess("import");
        var hash = ResumableHash.Create(HashAlgorithm.Sha512);
        hash.Append(Data);

        // Act
        var detached = await _signer.SignDetachedAsync(key, new MemoryStream(Data));
        var fromState = _signer.SignHashState(key, hash.ExportState(), new HashStateSignOptions { Armored = true });
        var cleartext = _signer.SignCleartext(key, "Suite: stable\n", HashAlgorithm.Sha512);

        // Assert
        Assert.True((await gpg.VerifyDetachedAsync(Data, detached)).Signature.Good);
        Assert.True((await gpg.VerifyDetachedAsync(Data, fromState)).Signature.Good);
        Assert.True((await gpg.VerifyInlineAsync(Encoding.UTF8.GetBytes(cleartext))).Signature.Good);
        Assert.True(SignatureVerifier.VerifyCleartext(key, cleartext).Valid);
    }

    [GpgFact]
    public async Task SignDetached_VerifyOnlyKey_ThrowsCannotSign()
    {
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync("Public Only <pub@example.org>", "ed25519", "sign");
        var key = _importer.Import(await gpg.ExportPublicKeyAsync(fingerprint), new KeyImportOptions(AllowVerifyOnly: true));

        var ex = Assert.Throws<OpenPgpException>(() => _signer.SignDetached(key, Data));

        Assert.Equal(OpenPgpErrorKind.CannotSign, ex.Kind);
    }

    [GpgFact]
    public async Task Decrypt_KeyWithoutEncryptionSubkey_ThrowsCannotDecrypt()
    {
        await using var gpg = GpgOracle.Create();
        var signOnly = await gpg.GenerateKeyAsync("Sign Only <so@example.org>", "ed25519", "sign");
        var other = await gpg.GenerateKeyAsync("Recipient <r@example.org>", "ed25519", "sign");
        await gpg.AddSubkeyAsync(other, "cv25519", "encr");
        var message = await gpg.EncryptAsync(other, Data);
        var key = _importer.Import(await gpg.ExportSecretKeyAsync(signOnly));

        var ex = Assert.Throws<OpenPgpException>(() => MessageDecryptor.Decrypt(key, message));

        Assert.Equal(OpenPgpErrorKind.CannotDecrypt, ex.Kind);
    }
}
