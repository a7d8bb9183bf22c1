using System.Globalization;
using System.Text;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>Subkeys we add and remove, judged by gpg.</summary>
public sealed class SubkeyEditorTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("signed by a subkey\n");
    private readonly SubkeyEditor _editor = new();

    private static OpenPgpKey NewKey() =>
        new KeyGenerator().Generate(new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = "Subkey Test" });

    [GpgTheory]
    [InlineData(KeyType.Ed25519, "ed25519")]
    [InlineData(KeyType.Rsa, "rsa")]
    public async Task AddSubkey_Signing_GpgListsItAndItSigns(KeyType type, string label)
    {
        // Arrange
        var original = NewKey();
        await using var gpg = GpgOracle.Create();

        // Act
        var added = _editor.AddSubkey(original, new SubkeyOptions { Type = type, RsaBits = 2048, ExpiresAfter = TimeSpan.FromDays(365) });
        var signature = new OpenPgpSigner().SignDetached(added.Key, Data);

        // Assert
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(added.Key.ExportPublicKeyArmored()))).EnsureSuccess("import " + label);
        var listing = await gpg.ListKeysAsync();
        var sub = Assert.Single(listing, r => r.Type == "sub" && r.KeyId == added.Subkey.KeyId);
        Assert.Equal("s", sub.Capabilities);
        Assert.DoesNotContain(sub.Validity, "reni", StringComparison.Ordinal); // not revoked, expired, invalid
        Assert.Equal(added.Subkey.CreatedAt.AddDays(365).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), sub.Expires);
        Assert.Equal(added.Subkey.Fingerprint, added.Key.Info.SigningKeyFingerprint);
        Assert.Equal(2, added.Key.Info.Subkeys.Count);
        var (result, status) = await gpg.VerifyDetachedAsync(Data, signature);
        Assert.True(status.Good, result.ToString());
        Assert.Equal(added.Subkey.Fingerprint, status.Fingerprint);
        Assert.Equal(original.Info.Fingerprint, status.PrimaryFingerprint);
    }

    [GpgFact]
    public async Task AddSubkey_Cv25519Encryption_GpgListsEncryptionSubkeyAndPrimaryStillSigns()
    {
        var original = NewKey();
        await using var gpg = GpgOracle.Create();

        var added = _editor.AddSubkey(original, new SubkeyOptions { Type = KeyType.Ed25519, Usage = KeyUsage.Encrypt });

        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(added.Key.ExportPublicKeyArmored()))).EnsureSuccess("import");
        var sub = Assert.Single(await gpg.ListKeysAsync(), r => r.Type == "sub" && r.KeyId == added.Subkey.KeyId);
        Assert.Equal("e", sub.Capabilities);
        Assert.Equal("cv25519", sub.Curve);
        Assert.Equal(string.Empty, sub.Expires);
        Assert.Equal(original.Info.Fingerprint, added.Key.Info.SigningKeyFingerprint);
    }

    [GpgFact]
    public async Task RemoveSubkey_AddedSigningSubkey_GoneAndPrimarySignsAgain()
    {
        var original = NewKey();
        var added = _editor.AddSubkey(original, new SubkeyOptions { Type = KeyType.Ed25519 });
        await using var gpg = GpgOracle.Create();

        var removed = _editor.RemoveSubkey(added.Key, added.Subkey.KeyId.ToLowerInvariant());

        Assert.NotNull(removed);
        Assert.DoesNotContain(removed.Info.Subkeys, s => s.KeyId == added.Subkey.KeyId);
        Assert.Equal(original.Info.Subkeys.Single().KeyId, Assert.Single(removed.Info.Subkeys).KeyId);
        Assert.Equal(original.Info.Fingerprint, removed.Info.SigningKeyFingerprint);
        var reloaded = OpenPgpKey.FromStoredForm(removed.ToStoredForm());
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(reloaded.ExportSecretKeyArmored()))).EnsureSuccess("import");
        Assert.DoesNotContain(await gpg.ListKeysAsync(), r => r.KeyId == added.Subkey.KeyId);
        var (result, status) = await gpg.VerifyDetachedAsync(Data, new OpenPgpSigner().SignDetached(reloaded, Data));
        Assert.True(status.Good, result.ToString());
        Assert.Equal(original.Info.Fingerprint, status.Fingerprint);
    }

    [Fact]
    public void RemoveSubkey_UnknownKeyId_ReturnsNull()
    {
        Assert.Null(_editor.RemoveSubkey(NewKey(), "0123456789ABCDEF"));
    }

    [Theory]
    [InlineData(KeyType.Rsa, KeyUsage.Sign, 1024)]
    [InlineData(KeyType.Ed25519, KeyUsage.Sign | KeyUsage.Encrypt, 4096)]
    [InlineData(KeyType.Rsa, KeyUsage.Certify, 4096)]
    [InlineData(KeyType.Rsa, KeyUsage.None, 4096)]
    public void AddSubkey_BadOptions_ThrowsInvalidInput(KeyType type, KeyUsage usage, int bits)
    {
        var ex = Assert.Throws<OpenPgpException>(() => _editor.AddSubkey(NewKey(), new SubkeyOptions { Type = type, Usage = usage, RsaBits = bits }));

        Assert.Equal(OpenPgpErrorKind.InvalidInput, ex.Kind);
    }

    [Fact]
    public void AddSubkey_VerifyOnlyKey_ThrowsInvalidInput()
    {
        var verifyOnly = new KeyImporter().Import(NewKey().ExportPublicKey(), new KeyImportOptions(AllowVerifyOnly: true));

        var ex = Assert.Throws<OpenPgpException>(() => _editor.AddSubkey(verifyOnly, new SubkeyOptions()));

        Assert.Equal(OpenPgpErrorKind.InvalidInput, ex.Kind);
    }
}
