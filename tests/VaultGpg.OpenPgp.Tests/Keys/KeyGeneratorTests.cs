using System.Text;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>Keys we generate, judged by gpg and rpm.</summary>
public sealed class KeyGeneratorTests(GeneratedKeysFixture keys) : IClassFixture<GeneratedKeysFixture>
{
    public static TheoryData<string> AllTypes => ["rsa3072", "rsa4096", "ed25519", "p256", "p384"];

    [GpgTheory]
    [MemberData(nameof(AllTypes))]
    public async Task ExportPublicKey_ImportedIntoGpg_GpgListsSameFingerprintsAndCapabilities(string type)
    {
        // Arrange
        var key = keys[type];
        await using var gpg = GpgOracle.Create();

        // Act
        var import = await gpg.ImportAsync(Encoding.ASCII.GetBytes(key.ExportPublicKeyArmored()));
        var listing = await gpg.ListKeysAsync();

        // Assert
        Assert.True(import.Has("IMPORT_OK"), import.ToString());
        var pub = Assert.Single(listing, r => r.Type == "pub");
        Assert.Equal(key.Info.Fingerprint, FingerprintAfter(listing, pub));
        Assert.Equal(key.Info.KeyId, pub.KeyId);
        Assert.Equal(key.Info.Bits.ToString(System.Globalization.CultureInfo.InvariantCulture), pub.KeyLength);
        Assert.Equal(key.Info.Curve ?? string.Empty, pub.Curve);
        Assert.Equal(key.Info.CreatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), pub.Created);
        Assert.Equal("scESC", pub.Capabilities);
        var sub = Assert.Single(listing, r => r.Type == "sub");
        Assert.Equal("e", sub.Capabilities);
        Assert.Equal(Assert.Single(key.Info.Subkeys).Fingerprint, FingerprintAfter(listing, sub));
        Assert.Equal(GeneratedKeysFixture.UserId, Assert.Single(listing, r => r.Type == "uid").UserIdOrFingerprint);
    }

    [GpgTheory]
    [MemberData(nameof(AllTypes))]
    public async Task ExportPublicKey_ListedByGpg_HoldsNoSecretMaterial(string type)
    {
        // Arrange
        await using var gpg = GpgOracle.Create();

        // Act
        var packets = await gpg.ListPacketsAsync(keys[type].ExportPublicKey());

        // Assert
        Assert.Contains(":public key packet:", packets, StringComparison.Ordinal);
        Assert.Contains(":public sub key packet:", packets, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", packets, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(":trust packet:", packets, StringComparison.Ordinal);
    }

    [GpgTheory("rpmkeys")]
    [InlineData("rsa3072")]
    [InlineData("rsa4096")]
    [InlineData("ed25519")]
    public async Task ExportPublicKeyArmored_RpmKeysImport_RpmAcceptsKey(string type)
    {
        // Arrange
        var key = keys[type];
        await using var rpm = RpmKeyring.Create();

        // Act
        var result = await rpm.ImportAsync(Encoding.ASCII.GetBytes(key.ExportPublicKeyArmored()));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(await rpm.ListKeysAsync(), name => name.StartsWith("gpg-pubkey-" + key.Info.KeyId[8..].ToLowerInvariant(), StringComparison.Ordinal));
    }

    [GpgTheory]
    [MemberData(nameof(AllTypes))]
    public async Task ExportSecretKeyArmored_NoPassphrase_GpgImportsAndSignatureVerifiesAsPrimary(string type)
    {
        // Arrange
        var key = keys[type];
        await using var gpg = GpgOracle.Create();
        var data = "signed by gpg with our key"u8.ToArray();

        // Act
        var import = await gpg.ImportAsync(Encoding.ASCII.GetBytes(key.ExportSecretKeyArmored()));
        var signature = await gpg.SignDetachedAsync(key.Info.Fingerprint, data);
        var (_, status) = await gpg.VerifyDetachedAsync(data, signature.EnsureSuccess("sign").Stdout);

        // Assert
        Assert.True(import.Has("IMPORT_OK"), import.ToString());
        var sec = Assert.Single(await gpg.ListKeysAsync(secret: true), r => r.Type == "sec");
        Assert.Equal("+", sec.Token);
        Assert.True(status.Good, status.ToString());
        Assert.Equal(key.Info.Fingerprint, status.Fingerprint);
        Assert.Equal(key.Info.SigningKeyFingerprint, status.Fingerprint);
    }

    [GpgTheory]
    [InlineData("rsa3072")]
    [InlineData("ed25519")]
    [InlineData("p256")]
    [InlineData("p384")]
    public async Task ExportSecretKeyArmored_GpgEncryptsToKey_GpgDecryptsWithOurSubkeySecret(string type)
    {
        // Arrange: the encryption subkey's secret encoding (e.g. the reversed Curve25519 scalar) must be what gpg expects.
        var key = keys[type];
        await using var gpg = GpgOracle.Create();
        await gpg.ImportAsync(Encoding.ASCII.GetBytes(key.ExportSecretKeyArmored()));
        var plaintext = "for the encryption subkey"u8.ToArray();
        var message = await gpg.EncryptAsync(key.Info.Fingerprint, plaintext);

        // Act
        var decrypted = await gpg.DecryptAsync(message);

        // Assert
        Assert.True(decrypted.ExitCode == 0, decrypted.ToString());
        Assert.Equal(plaintext, decrypted.Stdout);
        Assert.Contains(decrypted.StatusOf("ENC_TO"), s => s.Arguments[0] == key.Info.Subkeys[0].KeyId);
    }

    [GpgTheory]
    [InlineData("ed25519")]
    [InlineData("rsa3072")]
    public async Task ExportSecretKeyArmored_WithPassphrase_GpgNeedsThatPassphraseToSign(string type)
    {
        // Arrange
        var key = keys[type];
        const string passphrase = "correct horse battery staple ✓";
        await using var gpg = GpgOracle.Create();
        var exported = key.ExportSecretKeyArmored(passphrase);
        var data = "data"u8.ToArray();

        // Act
        var import = await gpg.ImportAsync(Encoding.ASCII.GetBytes(exported), passphrase);
        var wrong = await gpg.SignDetachedAsync(key.Info.Fingerprint, data, passphrase: "wrong");
        var right = await gpg.SignDetachedAsync(key.Info.Fingerprint, data, passphrase: passphrase);

        // Assert
        Assert.True(import.Has("IMPORT_OK"), import.ToString());
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.True(right.ExitCode == 0, right.ToString());
        var (_, status) = await gpg.VerifyDetachedAsync(data, right.Stdout);
        Assert.True(status.Good, status.ToString());
        var packets = await gpg.ListPacketsAsync(Encoding.ASCII.GetBytes(exported));
        Assert.Contains("protect IV", packets, StringComparison.Ordinal);
        Assert.Contains("iter+salt S2K, algo: 9, SHA1 protection, hash: 8", packets, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task ToStoredForm_ImportedIntoGpg_IsUnprotectedAndSigns()
    {
        // Arrange
        var key = keys["ed25519"];
        await using var gpg = GpgOracle.Create();
        var stored = key.ToStoredForm();

        // Act
        var import = await gpg.ImportAsync(stored);
        var signature = await gpg.SignDetachedAsync(key.Info.Fingerprint, "x"u8.ToArray(), passphrase: string.Empty);
        var packets = await gpg.ListPacketsAsync(stored);

        // Assert
        Assert.True(import.Has("IMPORT_OK"), import.ToString());
        Assert.True(signature.ExitCode == 0, signature.ToString());
        Assert.Contains(":secret key packet:", packets, StringComparison.Ordinal);
        Assert.DoesNotContain("protect", packets, StringComparison.Ordinal);
    }

    [Fact]
    public void FromStoredForm_OfGeneratedKey_GivesSameFactsAndSigner()
    {
        // Arrange
        var key = keys["p256"];

        // Act
        var loaded = OpenPgpKey.FromStoredForm(key.ToStoredForm());

        // Assert
        Assert.Equal(key.Info with { EvaluatedAt = default }, loaded.Info with { EvaluatedAt = default }, KeyInfoComparer.Instance);
        Assert.Equal(key.SignerAt(DateTimeOffset.UtcNow).PublicKey.KeyId, loaded.SignerAt(DateTimeOffset.UtcNow).PublicKey.KeyId);
        Assert.Single(loaded.DecryptionKeys);
    }

    [Theory]
    [InlineData("rsa3072", "RSA", 3072, null)]
    [InlineData("rsa4096", "RSA", 4096, null)]
    [InlineData("ed25519", "EdDSA", 255, "ed25519")]
    [InlineData("p256", "ECDSA", 256, "nistp256")]
    [InlineData("p384", "ECDSA", 384, "nistp384")]
    public void Generate_EachType_KeyInfoDescribesPrimaryAndEncryptionSubkey(string type, string algorithm, int bits, string? curve)
    {
        // Act
        var info = keys[type].Info;

        // Assert
        Assert.Equal(algorithm, info.Algorithm);
        Assert.Equal(bits, info.Bits);
        Assert.Equal(curve, info.Curve);
        Assert.Equal(KeyUsage.Certify | KeyUsage.Sign, info.Usage);
        Assert.Equal([GeneratedKeysFixture.UserId], info.UserIds);
        Assert.Equal(info.Fingerprint, info.SigningKeyFingerprint);
        Assert.Equal(info.Fingerprint[^16..], info.KeyId);
        Assert.True(info.HasSecretKey);
        Assert.Null(info.ExpiresAt);
        var subkey = Assert.Single(info.Subkeys);
        Assert.Equal(KeyUsage.Encrypt, subkey.Usage);
        Assert.True(subkey.IsValid);
        Assert.Equal(type.StartsWith("rsa", StringComparison.Ordinal) ? "RSA" : "ECDH", subkey.Algorithm);
    }

    [GpgFact]
    public async Task Generate_WithExpiry_GpgShowsSameExpiryOnPrimaryAndSubkey()
    {
        // Arrange
        var generator = new KeyGenerator();
        var key = generator.Generate(GeneratedKeysFixture.Options(KeyType.Ed25519) with { ExpiresAfter = TimeSpan.FromDays(30) });
        await using var gpg = GpgOracle.Create();

        // Act
        await gpg.ImportAsync(key.ExportPublicKey());
        var listing = await gpg.ListKeysAsync();

        // Assert
        var expected = key.Info.CreatedAt.AddDays(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, Assert.Single(listing, r => r.Type == "pub").Expires);
        Assert.Equal(expected, Assert.Single(listing, r => r.Type == "sub").Expires);
        Assert.Equal(key.Info.ExpiresAt, key.Info.Subkeys[0].ExpiresAt);
        Assert.False(key.Info.IsExpired);
    }

    [GpgFact]
    public async Task Generate_PreferencesAndFeatures_GpgSeesThem()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();

        // Act
        var packets = await gpg.ListPacketsAsync(keys["ed25519"].ExportPublicKey());

        // Assert
        Assert.Contains("pref-sym-algos: 9 8 7", packets, StringComparison.Ordinal);
        Assert.Contains("pref-hash-algos: 10 9 8 11", packets, StringComparison.Ordinal);
        Assert.Contains("features: 01", packets, StringComparison.Ordinal);
        Assert.Contains("key flags: 03", packets, StringComparison.Ordinal);
        Assert.Contains("key flags: 0C", packets, StringComparison.Ordinal);
        Assert.Contains("issuer fpr v4 " + keys["ed25519"].Info.Fingerprint, packets, StringComparison.Ordinal);
        Assert.Contains("version 4, algo 22,", packets, StringComparison.Ordinal);
        Assert.Contains("ed25519 (1.3.6.1.4.1.11591.15.1)", packets, StringComparison.Ordinal);
        Assert.Contains("cv25519 (1.3.6.1.4.1.3029.1.5.1)", packets, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bad <Name>", null, "x@example.org", "real_name")]
    [InlineData("Bad (Name)", null, "x@example.org", "real_name")]
    [InlineData("Bad\nName", null, "x@example.org", "real_name")]
    [InlineData("Name", "bad (comment)", "x@example.org", "comment")]
    [InlineData("Name", "bad\u0007comment", "x@example.org", "comment")]
    [InlineData("Name", null, "not-an-email", "email")]
    [InlineData("Name", null, "two@@example.org", "email")]
    [InlineData("Name", null, "x@localhost", "email")]
    [InlineData("Name", null, "x y@example.org", "email")]
    [InlineData("Name", null, "<x@example.org>", "email")]
    [InlineData(null, null, null, "real_name or email")]
    public void Generate_BadUserIdPart_RefusedNamingTheField(string? realName, string? comment, string? email, string field)
    {
        // Arrange
        var options = new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = realName, Comment = comment, Email = email };

        // Act
        var error = Assert.Throws<OpenPgpException>(() => new KeyGenerator().Generate(options));

        // Assert
        Assert.Equal(OpenPgpErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(8192)]
    public void Generate_UnsupportedRsaSize_Refused(int bits)
    {
        // Act
        var error = Assert.Throws<OpenPgpException>(() =>
            new KeyGenerator().Generate(GeneratedKeysFixture.Options(KeyType.Rsa) with { RsaBits = bits }));

        // Assert
        Assert.Equal(OpenPgpErrorKind.InvalidInput, error.Kind);
        Assert.Contains("key_bits", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Only Name", null, "Only Name")]
    [InlineData(null, "only@example.org", "<only@example.org>")]
    [InlineData("  Spaced  ", "a@b.example", "Spaced <a@b.example>")]
    public void Generate_PartialUserId_BuildsGpgStyleUserId(string? realName, string? email, string expected)
    {
        // Act
        var key = new KeyGenerator().Generate(new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = realName, Email = email });

        // Assert
        Assert.Equal([expected], key.Info.UserIds);
    }

    private static string FingerprintAfter(IReadOnlyList<GpgColonRecord> listing, GpgColonRecord record)
    {
        var index = listing.ToList().IndexOf(record);
        return listing.Skip(index + 1).First(r => r.Type == "fpr").UserIdOrFingerprint;
    }
}
