using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Bcpg;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>Expiry set or removed by new self-signatures, judged by gpg, gpgv and sqv after gpg imports the new key
/// over the old one.</summary>
public sealed class ExpiryEditorTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("release artefact\n");

    // An hour in the past, so that every signature made on the fake clock lies in gpg's real past.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600));

    private OpenPgpKey NewKey(KeyType type = KeyType.Ed25519, TimeSpan? expires = null) =>
        new KeyGenerator(_time).Generate(new KeyGenerationOptions { Type = type, RsaBits = 2048, RealName = "Expiry Test", ExpiresAfter = expires ?? TimeSpan.FromDays(1) });

    [GpgTheory("gpgv", "sqv", "sq")]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.Rsa)]
    public async Task SetExpiry_Primary_GpgShowsNewExpiryAndSignaturesBeforeAndAfterVerify(KeyType type)
    {
        // Arrange: gpg holds the old key and a signature made with it.
        var old = NewKey(type);
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(old.ExportPublicKey())).EnsureSuccess("import old");
        var before = new OpenPgpSigner(_time).SignDetached(old, Data);
        _time.Advance(TimeSpan.FromMinutes(10));
        var expiry = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().AddDays(730).ToUnixTimeSeconds());

        // Act
        var renewed = new ExpiryEditor(_time).SetExpiry(old, primary: true, [], expiry);
        var after = new OpenPgpSigner(_time).SignDetached(renewed, Data);

        // Assert
        (await gpg.ImportAsync(renewed.ExportPublicKey())).EnsureSuccess("import new over old");
        var pub = Assert.Single(await gpg.ListKeysAsync(), r => r.Type == "pub");
        Assert.Equal(Unix(expiry), pub.Expires);
        Assert.Equal(expiry, renewed.Info.ExpiresAt);
        var keyFile = await gpg.WriteTempFileAsync("key", renewed.ExportPublicKey());
        var inspected = await ExternalProcess.RunAsync("sq", ["inspect", keyFile]);
        Assert.Contains($"Expiration time: {expiry.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC", inspected.StdoutText, StringComparison.Ordinal);
        foreach (var signature in new[] { before, after })
        {
            var (result, status) = await gpg.VerifyDetachedAsync(Data, signature);
            Assert.True(status.Good, result.ToString());
            await AssertGpgvAndSqvAcceptAsync(gpg, renewed, signature);
        }
    }

    [GpgFact("gpgv")]
    public async Task SetExpiry_Primary_InReleaseSignedBeforeAndAfterVerifiesWithGpgvAndTheNewKeyring()
    {
        // Arrange: apt's case, an InRelease file signed while the old expiry held.
        const string Release = "Origin: VaultGpg\nSuite: stable\nCodename: bookworm\nComponents: main\n";
        var old = NewKey(KeyType.Rsa);
        var before = new OpenPgpSigner(_time).SignCleartext(old, Release);
        _time.Advance(TimeSpan.FromMinutes(10));

        // Act
        var renewed = new ExpiryEditor(_time).SetExpiry(old, primary: true, [], _time.GetUtcNow().AddDays(365));
        var after = new OpenPgpSigner(_time).SignCleartext(renewed, Release);

        // Assert: apt runs gpgv with its trusted keyring, which now holds the new key.
        await using var gpg = GpgOracle.Create();
        var keyring = await gpg.WriteTempFileAsync("ring", renewed.ExportPublicKey());
        foreach (var inRelease in new[] { before, after })
        {
            var file = await gpg.WriteTempFileAsync("InRelease", Encoding.UTF8.GetBytes(inRelease));
            var result = await ExternalProcess.RunAsync(
                "gpgv", ["--status-fd", "1", "--keyring", keyring, file], null, new Dictionary<string, string> { ["GNUPGHOME"] = gpg.Home }, TimeSpan.FromSeconds(30));
            var verdict = new GpgResult(result, GpgStatusLine.ParseAll(result.StdoutText));
            Assert.True(result.ExitCode == 0 && verdict.IsGood, verdict.ToString());
            Assert.Contains("[GNUPG:] VALIDSIG " + renewed.Info.Fingerprint, result.StdoutText, StringComparison.Ordinal);
        }
    }

    [GpgFact]
    public async Task SetExpiry_Never_GpgShowsNoExpiry()
    {
        var old = NewKey();
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(old.ExportPublicKey())).EnsureSuccess("import old");
        _time.Advance(TimeSpan.FromMinutes(1));

        var renewed = new ExpiryEditor(_time).SetExpiry(old, primary: true, [], null);

        (await gpg.ImportAsync(renewed.ExportPublicKey())).EnsureSuccess("import new");
        Assert.Equal(string.Empty, Assert.Single(await gpg.ListKeysAsync(), r => r.Type == "pub").Expires);
        Assert.Null(renewed.Info.ExpiresAt);
    }

    [GpgFact]
    public async Task SetExpiry_SigningSubkey_NewBindingWithFreshBackSignatureGpgAccepts()
    {
        // Arrange: a signing subkey that expires in a day, and a signature by it.
        var added = new SubkeyEditor(_time).AddSubkey(NewKey(), new SubkeyOptions { Type = KeyType.Ed25519, ExpiresAfter = TimeSpan.FromDays(1) });
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(added.Key.ExportPublicKey())).EnsureSuccess("import old");
        var before = new OpenPgpSigner(_time).SignDetached(added.Key, Data);
        _time.Advance(TimeSpan.FromMinutes(10));
        var expiry = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().AddDays(90).ToUnixTimeSeconds());

        // Act
        var renewed = new ExpiryEditor(_time).SetExpiry(added.Key, primary: false, [added.Subkey.KeyId.ToLowerInvariant()], expiry);
        var after = new OpenPgpSigner(_time).SignDetached(renewed, Data);

        // Assert: gpg lists the new expiry for the subkey only, and takes signatures by it before and after.
        (await gpg.ImportAsync(renewed.ExportPublicKey())).EnsureSuccess("import new");
        var listing = await gpg.ListKeysAsync();
        Assert.Equal(Unix(expiry), Assert.Single(listing, r => r.Type == "sub" && r.KeyId == added.Subkey.KeyId).Expires);
        Assert.Equal(Unix(added.Key.Info.ExpiresAt!.Value), Assert.Single(listing, r => r.Type == "pub").Expires);
        Assert.Equal(added.Subkey.Fingerprint, renewed.Info.SigningKeyFingerprint);
        var newest = renewed.SelfSignatures.Subkeys.Single(s => KeyFacts.KeyId(s.Key) == added.Subkey.KeyId).Bindings.MaxBy(b => b.Binding.CreatedAt)!;
        Assert.Equal(BackSignatureState.Valid, newest.BackSignature);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), BackSignatureTime(newest));
        foreach (var signature in new[] { before, after })
        {
            var (result, status) = await gpg.VerifyDetachedAsync(Data, signature);
            Assert.True(status.Good, result.ToString());
            Assert.Equal(added.Subkey.Fingerprint, status.Fingerprint);
        }
    }

    [GpgFact]
    public async Task SetExpiry_Sha1SelfSignatures_RenewedWithSha256AndOtherSubpacketsKept()
    {
        // Arrange: gpg makes a key whose self-signatures are SHA-1, and we import it.
        await using var gpg = GpgOracle.Create();
        var fingerprint = await GenerateSha1KeyAsync(gpg);
        var old = new KeyImporter(_time).Import(await gpg.ExportSecretKeyAsync(fingerprint));
        var oldCertification = old.SelfSignatures.UserIds.Single().SelfSignatures.Single().Signature;
        Assert.Equal(HashAlgorithmTag.Sha1, oldCertification.HashAlgorithm);
        _time.Advance(TimeSpan.FromMinutes(1));
        var expiry = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().AddDays(400).ToUnixTimeSeconds());

        // Act
        var renewed = new ExpiryEditor(_time).SetExpiry(old, primary: true, [old.Info.Subkeys.Single().KeyId], expiry);

        // Assert: SHA-256, same subpackets but for the creation time and key expiry, and gpg agrees on the expiry.
        var newCertification = renewed.SelfSignatures.UserIds.Single().SelfSignatures.MaxBy(s => s.CreatedAt)!.Signature;
        Assert.Equal(HashAlgorithmTag.Sha256, newCertification.HashAlgorithm);
        Assert.Equal(oldCertification.SignatureType, newCertification.SignatureType);
        Assert.Equal(KeptSubpackets(oldCertification), KeptSubpackets(newCertification));
        var newBinding = renewed.SelfSignatures.Subkeys.Single().Bindings.MaxBy(b => b.Binding.CreatedAt)!.Binding.Signature;
        Assert.Equal(HashAlgorithmTag.Sha256, newBinding.HashAlgorithm);
        (await gpg.ImportAsync(renewed.ExportPublicKey())).EnsureSuccess("import new");
        var listing = await gpg.ListKeysAsync();
        Assert.Equal(Unix(expiry), Assert.Single(listing, r => r.Type == "pub").Expires);
        Assert.Equal(Unix(expiry), Assert.Single(listing, r => r.Type == "sub").Expires);
        var packets = await gpg.ListPacketsAsync(renewed.ExportPublicKey());
        Assert.Contains("digest algo 8", packets, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task SetExpiry_ExpiredKey_SignsAgainAndGpgAcceptsTheSignature()
    {
        // Arrange: a key that expired after three seconds.
        var old = NewKey(expires: TimeSpan.FromSeconds(3));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(old.CanSignAt(_time.GetUtcNow()));

        // Act
        var renewed = new ExpiryEditor(_time).SetExpiry(old, primary: true, [], _time.GetUtcNow().AddDays(30));
        var signature = new OpenPgpSigner(_time).SignDetached(renewed, Data);

        // Assert
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(old.ExportPublicKey())).EnsureSuccess("import old");
        (await gpg.ImportAsync(renewed.ExportPublicKey())).EnsureSuccess("import new");
        var (result, status) = await gpg.VerifyDetachedAsync(Data, signature);
        Assert.True(status.Good, result.ToString());
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(0)]
    public void SetExpiry_NotInTheFuture_ThrowsInvalidInput(int secondsFromNow)
    {
        var key = NewKey();

        var ex = Assert.Throws<OpenPgpException>(() => new ExpiryEditor(_time).SetExpiry(key, true, [], _time.GetUtcNow().AddSeconds(secondsFromNow)));

        Assert.Equal(OpenPgpErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("is not in the future", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetExpiry_VerifyOnlyKey_ThrowsInvalidInput()
    {
        var verifyOnly = new KeyImporter(_time).Import(NewKey().ExportPublicKey(), new KeyImportOptions(AllowVerifyOnly: true));

        var ex = Assert.Throws<OpenPgpException>(() => new ExpiryEditor(_time).SetExpiry(verifyOnly, true, [], null));

        Assert.Equal(OpenPgpErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("verify-only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetExpiry_UnknownSubkey_ThrowsInvalidInput()
    {
        var ex = Assert.Throws<OpenPgpException>(() => new ExpiryEditor(_time).SetExpiry(NewKey(), false, ["0123456789ABCDEF"], null));

        Assert.Contains("no subkey \"0123456789ABCDEF\"", ex.Message, StringComparison.Ordinal);
    }

    private static async Task AssertGpgvAndSqvAcceptAsync(GpgOracle gpg, OpenPgpKey key, byte[] signature)
    {
        var keyring = await gpg.WriteTempFileAsync("ring", key.ExportPublicKey());
        var signatureFile = await gpg.WriteTempFileAsync("sig", signature);
        var dataFile = await gpg.WriteTempFileAsync("data", Data);
        var gpgv = await ExternalProcess.RunAsync("gpgv", ["--keyring", keyring, signatureFile, dataFile], null, new Dictionary<string, string> { ["GNUPGHOME"] = gpg.Home }, TimeSpan.FromSeconds(30));
        Assert.True(gpgv.ExitCode == 0, "gpgv: " + gpgv);
        var sqv = await ExternalProcess.RunAsync("sqv", ["--keyring", keyring, signatureFile, dataFile]);
        Assert.True(sqv.ExitCode == 0, "sqv: " + sqv);
    }

    /// <summary>gpg 2.2 still makes SHA-1 self-signatures when told to (cert-digest-algo), as old keys have them.</summary>
    private async Task<string> GenerateSha1KeyAsync(GpgOracle gpg)
    {
        await File.WriteAllTextAsync(Path.Combine(gpg.Home, "gpg.conf"), "cert-digest-algo SHA1\n");
        var fingerprint = await gpg.GenerateKeyAsync("Old Sha1 <old@example.org>", "rsa2048", expire: "1y", at: _time.GetUtcNow());
        await gpg.AddSubkeyAsync(fingerprint, "rsa2048", "encr", "1y", at: _time.GetUtcNow());
        return fingerprint;
    }

    private static long BackSignatureTime(VerifiedBinding binding)
    {
        var embedded = binding.Binding.Signature.GetHashedSubPackets().GetEmbeddedSignatures();
        return new DateTimeOffset(DateTime.SpecifyKind(embedded[0].CreationTime, DateTimeKind.Utc)).ToUnixTimeSeconds();
    }

    private static List<string> KeptSubpackets(Org.BouncyCastle.Bcpg.OpenPgp.PgpSignature signature) =>
        signature.GetHashedSubPackets().ToArray()
            .Where(p => p.SubpacketType is not (SignatureSubpacketTag.CreationTime or SignatureSubpacketTag.KeyExpireTime))
            .Select(p => $"{p.SubpacketType}:{Convert.ToHexString(p.GetData())}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Unix(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
