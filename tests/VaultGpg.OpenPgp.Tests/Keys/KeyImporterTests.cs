using System.Diagnostics;
using System.Text;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>Keys made by gpg, imported here; gpg decides which key signs and what is valid.</summary>
public sealed class KeyImporterTests
{
    private const string UserId = "Gpg Made <gpg@example.org>";
    private const string Passphrase = "s3cret pässphrase";
    private static readonly DateTimeOffset Past = DateTimeOffset.UtcNow.AddDays(-60);

    [GpgTheory]
    [InlineData("rsa2048", "rsa2048", "RSA", "")]
    [InlineData("ed25519", "cv25519", "EdDSA", "ed25519")]
    [InlineData("nistp256", "nistp256", "ECDSA", "nistp256")]
    public async Task Import_GpgKeyOfEachAlgorithm_FactsAndSignerMatchGpg(string algorithm, string encryptionAlgorithm, string name, string curve)
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, algorithm, "sign");
        var subkeyFingerprint = await gpg.AddSubkeyAsync(fingerprint, encryptionAlgorithm, "encr");
        var secret = await gpg.ExportSecretKeyAsync(fingerprint);

        // Act
        var key = new KeyImporter().Import(secret);

        // Assert
        var listing = await gpg.ListKeysAsync();
        var pub = Assert.Single(listing, r => r.Type == "pub");
        Assert.Equal(fingerprint, key.Info.Fingerprint);
        Assert.Equal(pub.KeyId, key.Info.KeyId);
        Assert.Equal(name, key.Info.Algorithm);
        Assert.Equal(pub.KeyLength, key.Info.Bits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(curve, key.Info.Curve ?? string.Empty);
        Assert.Equal([UserId], key.Info.UserIds);
        var subkey = Assert.Single(key.Info.Subkeys);
        Assert.Equal(subkeyFingerprint, subkey.Fingerprint);
        Assert.Equal(KeyUsage.Encrypt, subkey.Usage);
        Assert.Equal(await GpgSigningFingerprintAsync(gpg, fingerprint), key.Info.SigningKeyFingerprint);
        Assert.Single(key.DecryptionKeys);
    }

    [GpgFact]
    public async Task Import_PassphraseProtectedGpgKey_UnlocksWithPassphrase()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "sign", passphrase: Passphrase);
        var secret = await gpg.ExportSecretKeyAsync(fingerprint, Passphrase);

        // Act
        var key = new KeyImporter().Import(secret, new KeyImportOptions(Passphrase));

        // Assert
        Assert.True(key.CanSignAt(DateTimeOffset.UtcNow));
        Assert.Equal(fingerprint, key.Info.SigningKeyFingerprint);
        Assert.Contains("protect count", await gpg.ListPacketsAsync(secret), StringComparison.Ordinal);
    }

    [GpgTheory]
    [InlineData("SHA256", "AES256", "rsa2048")]
    [InlineData("SHA1", "CAST5", "ed25519")]
    [InlineData("SHA512", "AES128", "nistp256")]
    public async Task Import_GpgExportWithOtherS2kChoices_UnlocksWithPassphrase(string digest, string cipher, string algorithm)
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, algorithm, "sign", passphrase: Passphrase);
        var export = await gpg.RunAsync(
            ["--passphrase", Passphrase, "--armor", "--s2k-digest-algo", digest, "--s2k-cipher-algo", cipher, "--export-secret-keys", fingerprint]);
        var packets = await gpg.ListPacketsAsync(export.EnsureSuccess("export").Stdout);

        // Act
        var key = new KeyImporter().Import(export.Stdout, new KeyImportOptions(Passphrase));

        // Assert
        Assert.Equal(fingerprint, key.Info.SigningKeyFingerprint);
        Assert.Contains("protect count", packets, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task Import_GpgDefaultS2kCount_UnlocksWithinBoundedTime()
    {
        // Arrange: gpg 2.2 exports with its calibrated count, often the maximum: 65,011,712 bytes hashed per key.
        await using var gpg = GpgOracle.Create(s2kCount: 65011712);
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "sign", passphrase: Passphrase);
        await gpg.AddSubkeyAsync(fingerprint, "cv25519", "encr", passphrase: Passphrase);
        var export = await gpg.ExportSecretKeyAsync(fingerprint, Passphrase, armor: false);
        var stopwatch = Stopwatch.StartNew();

        // Act
        var key = new KeyImporter().Import(export, new KeyImportOptions(Passphrase));

        // Assert
        stopwatch.Stop();
        Assert.Contains("protect count: 65011712", await gpg.ListPacketsAsync(export), StringComparison.Ordinal);
        Assert.Equal(fingerprint, key.Info.SigningKeyFingerprint);
        Assert.Single(key.DecryptionKeys);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"import took {stopwatch.Elapsed}");
    }

    [GpgFact]
    public async Task Import_WrongPassphrase_RefusedAsWrongPassphraseWithoutEchoingIt()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "sign", passphrase: Passphrase);
        var secret = await gpg.ExportSecretKeyAsync(fingerprint, Passphrase);

        // Act
        var error = Assert.Throws<OpenPgpException>(() => new KeyImporter().Import(secret, new KeyImportOptions("not " + Passphrase)));

        // Assert
        Assert.Equal(OpenPgpErrorKind.WrongPassphrase, error.Kind);
        Assert.DoesNotContain(Passphrase, error.ToString(), StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task Import_ProtectedKeyWithoutPassphrase_RefusedAsWrongPassphrase()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "rsa2048", "sign", passphrase: Passphrase);
        var secret = await gpg.ExportSecretKeyAsync(fingerprint, Passphrase);

        // Act
        var error = Assert.Throws<OpenPgpException>(() => new KeyImporter().Import(secret));

        // Assert
        Assert.Equal(OpenPgpErrorKind.WrongPassphrase, error.Kind);
        Assert.Contains("none was given", error.Message, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task Import_CertifyOnlyPrimaryWithSigningSubkey_SignsWithSubkeyAsGpgDoes()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "cert", at: Past);
        var signingSubkey = await gpg.AddSubkeyAsync(fingerprint, "ed25519", "sign", at: Past.AddDays(1));

        // Act
        var key = new KeyImporter().Import(await gpg.ExportSecretKeyAsync(fingerprint));

        // Assert
        Assert.Equal(KeyUsage.Certify, key.Info.Usage);
        Assert.Equal(signingSubkey, key.Info.SigningKeyFingerprint);
        Assert.Equal(await GpgSigningFingerprintAsync(gpg, fingerprint), key.Info.SigningKeyFingerprint);
    }

    [GpgFact]
    public async Task Import_TwoValidSigningSubkeys_SignsWithNewestAsGpgDoes()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "cert", at: Past);
        await gpg.AddSubkeyAsync(fingerprint, "ed25519", "sign", at: Past.AddDays(1));
        var newest = await gpg.AddSubkeyAsync(fingerprint, "ed25519", "sign", at: Past.AddDays(2));

        // Act
        var key = new KeyImporter().Import(await gpg.ExportSecretKeyAsync(fingerprint));

        // Assert
        Assert.Equal(newest, key.Info.SigningKeyFingerprint);
        Assert.Equal(await GpgSigningFingerprintAsync(gpg, fingerprint), key.Info.SigningKeyFingerprint);
    }

    [GpgFact]
    public async Task Import_NewerSigningSubkeyExpired_SignsWithOlderValidOneAsGpgDoes()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "cert", at: Past);
        var valid = await gpg.AddSubkeyAsync(fingerprint, "ed25519", "sign", at: Past.AddDays(1));
        var expired = await gpg.AddSubkeyAsync(fingerprint, "ed25519", "sign", "1d", at: Past.AddDays(2));

        // Act
        var key = new KeyImporter().Import(await gpg.ExportSecretKeyAsync(fingerprint));

        // Assert
        Assert.Equal(valid, key.Info.SigningKeyFingerprint);
        Assert.Equal(await GpgSigningFingerprintAsync(gpg, fingerprint), key.Info.SigningKeyFingerprint);
        var expiredInfo = Assert.Single(key.Info.Subkeys, s => s.Fingerprint == expired);
        Assert.True(expiredInfo.IsExpired);
        Assert.Equal(Past.AddDays(3).ToUnixTimeSeconds(), expiredInfo.ExpiresAt!.Value.ToUnixTimeSeconds());
        Assert.Equal(2, key.Info.Subkeys.Count);
    }

    [GpgFact]
    public async Task Import_NewestSigningSubkeyRevoked_SignsWithOlderValidOneAsGpgDoes()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "cert", at: Past);
        var valid = await gpg.AddSubkeyAsync(fingerprint, "ed25519", "sign", at: Past.AddDays(1));
        var revoked = await gpg.AddSubkeyAsync(fingerprint, "ed25519", "sign", at: Past.AddDays(2));
        await gpg.RevokeSubkeyAsync(fingerprint, revoked);

        // Act
        var key = new KeyImporter().Import(await gpg.ExportSecretKeyAsync(fingerprint));

        // Assert
        Assert.Equal(valid, key.Info.SigningKeyFingerprint);
        Assert.Equal(await GpgSigningFingerprintAsync(gpg, fingerprint), key.Info.SigningKeyFingerprint);
        Assert.True(Assert.Single(key.Info.Subkeys, s => s.Fingerprint == revoked).IsRevoked);
    }

    [GpgFact]
    public async Task Import_SecretSubkeysOnlyExport_SignsWithSubkeyAndPrimaryHasNoSecret()
    {
        // Arrange: gpg --export-secret-subkeys leaves the primary as a stub (offline primary key).
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "sign", at: Past);
        var subkey = await gpg.AddSubkeyAsync(fingerprint, "ed25519", "sign", at: Past.AddDays(1));
        var export = (await gpg.RunAsync(["--passphrase", string.Empty, "--export-secret-subkeys", fingerprint])).EnsureSuccess("export");

        // Act
        var key = new KeyImporter().Import(export.Stdout);

        // Assert
        Assert.Equal(subkey, key.Info.SigningKeyFingerprint);
        Assert.True(key.Info.Subkeys[0].HasSecretKey);
        Assert.Contains("gnu-dummy", await gpg.ListPacketsAsync(key.ToStoredForm()), StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task Import_KeyWithSeveralUserIds_KeepsThemAndPublicExportReimportsIntoGpg()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "sign");
        (await gpg.RunAsync(["--passphrase", string.Empty, "--quick-add-uid", fingerprint, "Second <second@example.org>"])).EnsureSuccess("add uid");
        await gpg.AddSubkeyAsync(fingerprint, "cv25519", "encr");
        var key = new KeyImporter().Import(await gpg.ExportSecretKeyAsync(fingerprint));
        await using var fresh = GpgOracle.Create();

        // Act
        var import = await fresh.ImportAsync(Encoding.ASCII.GetBytes(key.ExportPublicKeyArmored()));

        // Assert
        Assert.True(import.Has("IMPORT_OK"), import.ToString());
        var listing = await fresh.ListKeysAsync();
        Assert.Equal(
            listing.Where(r => r.Type == "uid").Select(r => r.UserIdOrFingerprint).Order(StringComparer.Ordinal),
            key.Info.UserIds.Order(StringComparer.Ordinal));
        Assert.Equal(2, key.Info.UserIds.Count);
        Assert.Single(listing, r => r.Type == "sub" && r.Validity != "r" && r.Validity != "e");
    }

    [GpgFact]
    public async Task Import_SubkeyWithoutBindingSignature_DroppedAsGpgDropsIt()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "sign");
        await gpg.AddSubkeyAsync(fingerprint, "cv25519", "encr");
        var secret = await gpg.ExportSecretKeyAsync(fingerprint, armor: false);
        var doctored = PacketSurgery.RemoveSignatureAfter(secret, await gpg.ListPacketsAsync(secret), tag: 7);
        await using var fresh = GpgOracle.Create();
        await fresh.ImportAsync(doctored);

        // Act
        var key = new KeyImporter().Import(doctored);

        // Assert
        var gpgSubkeys = (await fresh.ListKeysAsync()).Count(r => r.Type == "sub");
        Assert.Equal(gpgSubkeys, key.Info.Subkeys.Count);
        Assert.Empty(key.Info.Subkeys);
        Assert.DoesNotContain("sub key packet", await fresh.ListPacketsAsync(key.ToStoredForm()), StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task Import_UserIdWithoutSelfSignature_DroppedAsGpgDropsIt()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "sign");
        (await gpg.RunAsync(["--passphrase", string.Empty, "--quick-add-uid", fingerprint, "Unsigned <unsigned@example.org>"])).EnsureSuccess("add uid");
        var secret = await gpg.ExportSecretKeyAsync(fingerprint, armor: false);
        var doctored = PacketSurgery.RemoveSignatureAfter(secret, await gpg.ListPacketsAsync(secret), tag: 13, occurrence: 2);
        await using var fresh = GpgOracle.Create();
        await fresh.ImportAsync(doctored);

        // Act
        var key = new KeyImporter().Import(doctored);

        // Assert
        var gpgUserIds = (await fresh.ListKeysAsync()).Where(r => r.Type == "uid").Select(r => r.UserIdOrFingerprint);
        Assert.Equal(gpgUserIds, key.Info.UserIds);
        Assert.Equal([UserId], key.Info.UserIds);
        Assert.DoesNotContain("Unsigned", await fresh.ListPacketsAsync(key.ExportPublicKey()), StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task Import_PublicKeyOnly_RefusedUnlessVerifyOnlyAllowed()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "sign");
        var publicKey = await gpg.ExportPublicKeyAsync(fingerprint);

        // Act
        var error = Assert.Throws<OpenPgpException>(() => new KeyImporter().Import(publicKey));
        var verifyOnly = new KeyImporter().Import(publicKey, new KeyImportOptions(AllowVerifyOnly: true));

        // Assert
        Assert.Equal(OpenPgpErrorKind.InvalidInput, error.Kind);
        Assert.Contains("public key", error.Message, StringComparison.Ordinal);
        Assert.True(verifyOnly.IsVerifyOnly);
        Assert.False(verifyOnly.CanSignAt(DateTimeOffset.UtcNow));
        Assert.False(verifyOnly.Info.HasSecretKey);
        Assert.Equal(fingerprint, verifyOnly.Info.Fingerprint);
        Assert.Throws<OpenPgpException>(() => verifyOnly.ExportSecretKeyArmored());
        Assert.Equal(fingerprint, OpenPgpKey.FromStoredForm(verifyOnly.ToStoredForm()).Info.Fingerprint);
    }

    [GpgFact]
    public async Task Import_OnlyEncryptionSubkeyMaySign_ImportedDecryptsAndSigningRefusedWithReason()
    {
        // Arrange: a certify-only primary with only an encryption subkey (the Go plugin imports it to decrypt).
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "rsa2048", "cert");
        await gpg.AddSubkeyAsync(fingerprint, "rsa2048", "encr");

        // Act
        var key = new KeyImporter().Import(await gpg.ExportSecretKeyAsync(fingerprint));
        var now = key.DescribeAt(DateTimeOffset.UtcNow);
        var error = Assert.Throws<OpenPgpException>(() => new VaultGpg.OpenPgp.Signing.OpenPgpSigner().SignDetached(key, "x"u8));

        // Assert
        Assert.False(now.CanSign);
        Assert.True(now.CanDecrypt);
        Assert.Single(key.DecryptionKeys);
        Assert.Equal(OpenPgpErrorKind.CannotSign, error.Kind);
        Assert.Equal("no key of it may sign (its key flags allow only certify, encrypt)", error.Message);
        Assert.Equal(error.Message, now.CannotSignReason);
    }

    [GpgFact]
    public async Task Import_ExpiredKey_ImportedAndSigningRefusedWithExpiryTime()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "sign", "1d", at: Past);
        var secret = await gpg.ExportSecretKeyAsync(fingerprint);

        // Act
        var key = new KeyImporter().Import(secret);
        var error = Assert.Throws<OpenPgpException>(() => new VaultGpg.OpenPgp.Signing.OpenPgpSigner().SignDetached(key, "x"u8));

        // Assert
        var expiry = key.Info.CreatedAt.AddDays(1);
        Assert.Equal(OpenPgpErrorKind.CannotSign, error.Kind);
        Assert.Equal($"the key expired at {expiry.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} and cannot sign", error.Message);
        Assert.True(key.DescribeAt(DateTimeOffset.UtcNow).IsExpired);
        Assert.True(key.DescribeAt(key.Info.CreatedAt.AddHours(1)).CanSign);
    }

    [GpgFact]
    public async Task Import_SeveralKeysInOneBlock_RefusedAsInvalidInput()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var first = await gpg.GenerateKeyAsync("First <first@example.org>", "ed25519", "sign");
        var second = await gpg.GenerateKeyAsync("Second <second@example.org>", "ed25519", "sign");
        var both = (await gpg.RunAsync(["--passphrase", string.Empty, "--armor", "--export-secret-keys", first, second])).EnsureSuccess("export");

        // Act
        var error = Assert.Throws<OpenPgpException>(() => new KeyImporter().Import(both.Stdout));

        // Assert
        Assert.Equal(OpenPgpErrorKind.InvalidInput, error.Kind);
        Assert.Contains("2 keys", error.Message, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task Import_TwoArmoredBlocks_RefusedAsInvalidInput()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var first = await gpg.ExportSecretKeyAsync(await gpg.GenerateKeyAsync("First <first@example.org>", "ed25519", "sign"));
        var second = await gpg.ExportSecretKeyAsync(await gpg.GenerateKeyAsync("Second <second@example.org>", "ed25519", "sign"));

        // Act
        var error = Assert.Throws<OpenPgpException>(() => new KeyImporter().Import([.. first, .. second]));

        // Assert
        Assert.Equal(OpenPgpErrorKind.InvalidInput, error.Kind);
    }

    [GpgFact]
    public async Task Import_ProtectedKeyThenStoredForm_ReloadsWithoutPassphraseAndSameSigner()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "rsa2048", "sign", passphrase: Passphrase);
        var imported = new KeyImporter().Import(await gpg.ExportSecretKeyAsync(fingerprint, Passphrase), new KeyImportOptions(Passphrase));

        // Act
        var reloaded = OpenPgpKey.FromStoredForm(imported.ToStoredForm());

        // Assert
        Assert.Equal(imported.Info.SigningKeyFingerprint, reloaded.Info.SigningKeyFingerprint);
        Assert.True(reloaded.CanSignAt(DateTimeOffset.UtcNow));
        Assert.DoesNotContain("protect", await gpg.ListPacketsAsync(imported.ToStoredForm()), StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task Import_ReexportedWithNewPassphrase_GpgImportsAndSignsWithIt()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "nistp256", "sign", passphrase: Passphrase);
        var imported = new KeyImporter().Import(await gpg.ExportSecretKeyAsync(fingerprint, Passphrase), new KeyImportOptions(Passphrase));
        await using var fresh = GpgOracle.Create();

        // Act
        await fresh.ImportAsync(Encoding.ASCII.GetBytes(imported.ExportSecretKeyArmored("new one")), "new one");
        var signature = await fresh.SignDetachedAsync(fingerprint, "x"u8.ToArray(), passphrase: "new one");

        // Assert
        Assert.True(signature.ExitCode == 0, signature.ToString());
        Assert.Equal(fingerprint, signature.StatusOf("SIG_CREATED").Single().Arguments[^1]);
    }

    private static async Task<string> GpgSigningFingerprintAsync(GpgOracle gpg, string primaryFingerprint)
    {
        var result = await gpg.SignDetachedAsync(primaryFingerprint, "which key signs?"u8.ToArray());
        return result.EnsureSuccess("sign").StatusOf("SIG_CREATED").Single().Arguments[^1];
    }
}
