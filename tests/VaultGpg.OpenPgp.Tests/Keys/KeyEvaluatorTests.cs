using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>
/// Validity judged at any instant from the self-signatures verified once at load (GnuPG's merge_selfsigs rules):
/// expiry as time passes, revocations with their time and reason, and the back-signature states gpg tells apart.
/// </summary>
public sealed class KeyEvaluatorTests
{
    private const string UserId = "Evaluated <evaluated@example.org>";
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EvaluateAt_KeyWithThreeSecondExpiry_ValidBeforeAndExpiredAfterWithItsSubkey()
    {
        // Arrange
        var key = new KeyGenerator(new FakeTimeProvider(Start))
            .Generate(GeneratedKeysFixture.Options(KeyType.Ed25519) with { ExpiresAfter = TimeSpan.FromSeconds(3) });

        // Act
        var before = key.EvaluateAt(Start.AddSeconds(2));
        var atExpiry = key.EvaluateAt(Start.AddSeconds(3.5));
        var after = key.EvaluateAt(Start.AddSeconds(4));

        // Assert
        Assert.True(before.Primary.IsValid);
        Assert.True(Assert.Single(before.Subkeys).IsValid);
        Assert.False(atExpiry.Primary.IsExpired); // gpg: expired once the expiry second lies before the current one
        Assert.True(after.Primary.IsExpired);
        Assert.Equal(Start.AddSeconds(3), after.Primary.ExpiresAt);
        Assert.True(Assert.Single(after.Subkeys).IsExpired); // merge_selfsigs: an expired primary expires its subkeys
        Assert.True(Assert.Single(before.Subkeys).ExpiresAt > Start);
        Assert.Equal(Start.AddSeconds(4), after.EvaluatedAt);
    }

    [Fact]
    public void EvaluateAt_BeforeKeyCreation_KeyCountsAsExpiredAndHasNoUserId()
    {
        // Arrange
        var key = new KeyGenerator(new FakeTimeProvider(Start)).Generate(GeneratedKeysFixture.Options(KeyType.Ed25519));

        // Act
        var evaluation = key.EvaluateAt(Start.AddSeconds(-10));

        // Assert: nothing signed yet at that time, and the key did not exist.
        Assert.True(evaluation.Primary.IsExpired);
        Assert.Empty(evaluation.UserIds);
        Assert.Equal([GeneratedKeysFixture.UserId], key.EvaluateAt(Start).UserIds);
    }

    [Fact]
    public void EvaluateAt_SigningSubkeyAddedBySubkeyEditor_BackSignatureValid()
    {
        // Arrange
        var key = new KeyGenerator(new FakeTimeProvider(Start)).Generate(GeneratedKeysFixture.Options(KeyType.Ed25519));
        var added = new SubkeyEditor(new FakeTimeProvider(Start.AddSeconds(1))).AddSubkey(key, new SubkeyOptions { Type = KeyType.Ed25519 });

        // Act
        var subkey = SubkeyState(added.Key.EvaluateAt(Start.AddSeconds(2)), added.Subkey.KeyId);

        // Assert
        Assert.Equal(BackSignatureState.Valid, subkey.BackSignature);
        Assert.True(subkey.IsValid);
    }

    [Theory]
    [InlineData(false, nameof(BackSignatureState.None))]
    [InlineData(true, nameof(BackSignatureState.Invalid))]
    public void Evaluate_SigningSubkeyBindingWithoutGoodBackSignature_NotBoundAndStateAsGpgTellsIt(bool embedWrongBackSignature, string expected)
    {
        // Arrange: the signing subkey's binding replaced by one without a back-signature, or with one made by the
        // primary key instead of the subkey.
        var key = new KeyGenerator(new FakeTimeProvider(Start)).Generate(GeneratedKeysFixture.Options(KeyType.Ed25519));
        var added = new SubkeyEditor(new FakeTimeProvider(Start.AddSeconds(1))).AddSubkey(key, new SubkeyOptions { Type = KeyType.Ed25519 });
        var ring = Rebind(added.Key, added.Subkey.KeyId, embedWrongBackSignature);

        // Act
        var subkey = SubkeyState(KeyEvaluator.Evaluate(ring, Start.AddSeconds(5)), added.Subkey.KeyId);

        // Assert
        Assert.Equal(Enum.Parse<BackSignatureState>(expected), subkey.BackSignature);
        Assert.True(subkey.HasBinding);
        Assert.False(subkey.IsBound);
        Assert.Equal(KeyUsage.Sign, subkey.Usage);
    }

    [GpgFact]
    public async Task Evaluate_SubkeyRevokedByGpgAsCompromised_RevocationTimeReasonAndText()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync(UserId, "ed25519", "cert");
        var subkeyFingerprint = await gpg.AddSubkeyAsync(fingerprint, "ed25519", "sign");
        var revokedFrom = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var edit = await gpg.RunAsync(
            ["--passphrase", string.Empty, "--command-fd", "0", "--edit-key", fingerprint],
            Encoding.ASCII.GetBytes("key 1\nrevkey\ny\n1\nlaptop stolen\n\ny\nsave\n"));
        edit.EnsureSuccess("--edit-key revkey");

        // Act
        var evaluation = KeyEvaluator.Evaluate(PublicRing(await gpg.ExportPublicKeyAsync(fingerprint, armor: false)), DateTimeOffset.UtcNow);

        // Assert
        var subkey = Assert.Single(evaluation.Subkeys);
        Assert.Equal(subkeyFingerprint, KeyFactsFingerprint(subkey));
        Assert.True(subkey.IsRevoked);
        Assert.Equal((byte)2, subkey.RevocationReason);
        Assert.Equal("laptop stolen", subkey.RevocationText);
        Assert.InRange(subkey.RevokedAt!.Value, revokedFrom, DateTimeOffset.UtcNow);
        Assert.False(evaluation.Primary.IsRevoked);
        Assert.Null(evaluation.Primary.RevokedAt);
        Assert.Equal(BackSignatureState.Valid, subkey.BackSignature);
    }

    [GpgFact]
    public async Task Evaluate_PrimaryRevokedAsSuperseded_PrimaryAndSubkeysRevokedWithReasonAsGpgSees()
    {
        // Arrange: gpg --gen-revoke refuses batch mode, so the revocation is made here; gpg judges it below.
        var key = new KeyGenerator(new FakeTimeProvider(Start)).Generate(GeneratedKeysFixture.Options(KeyType.Ed25519));
        var revokedAt = Start.AddDays(1);
        var ring = RevokePrimary(key, revokedAt, RevocationReasonTag.KeySuperseded, "replaced by a new key");
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(ring.GetEncoded())).EnsureSuccess("import");

        // Act
        var evaluation = KeyEvaluator.Evaluate(ring, revokedAt.AddDays(1));

        // Assert
        Assert.True(evaluation.Primary.IsRevoked);
        Assert.Equal(revokedAt, evaluation.Primary.RevokedAt);
        Assert.Equal((byte)1, evaluation.Primary.RevocationReason);
        Assert.Equal("replaced by a new key", evaluation.Primary.RevocationText);
        var subkey = Assert.Single(evaluation.Subkeys);
        Assert.True(subkey.IsRevoked);
        Assert.Equal(revokedAt, subkey.RevokedAt);
        Assert.Equal((byte)1, subkey.RevocationReason);
        var listing = await gpg.ListKeysAsync(keySpec: key.Info.Fingerprint);
        Assert.Contains(listing, r => r.Type == "pub" && r.Validity == "r");
        Assert.Contains(listing, r => r.Type == "sub" && r.Validity == "r");
    }

    private static ComponentState SubkeyState(RingEvaluation evaluation, string keyId) =>
        Assert.Single(evaluation.Subkeys, s => string.Equals(s.Key.KeyId.ToString("X16", CultureInfo.InvariantCulture), keyId, StringComparison.OrdinalIgnoreCase));

    private static string KeyFactsFingerprint(ComponentState state) => Convert.ToHexString(state.Key.GetFingerprint());

    private static PgpPublicKeyRing PublicRing(byte[] binary) => new(binary);

    private static PgpPublicKeyRing RevokePrimary(OpenPgpKey key, DateTimeOffset at, RevocationReasonTag reason, string text)
    {
        var primary = key.PublicRing.GetPublicKey();
        var generator = new PgpSignatureGenerator(primary.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.KeyRevocation, key.SecretRing!.GetSecretKey().ExtractPrivateKeyRaw([]));
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetSignatureCreationTime(false, at.UtcDateTime);
        hashed.SetIssuerFingerprint(false, primary);
        hashed.SetRevocationReason(false, reason, text);
        generator.SetHashedSubpackets(hashed.Generate());
        var revocation = generator.GenerateCertification(primary);
        return PgpPublicKeyRing.InsertPublicKey(key.PublicRing, PgpPublicKey.AddCertification(primary, revocation));
    }

    /// <summary>The key's public ring with the subkey's binding replaced by one made a second later, without the
    /// subkey's back-signature or with a "back-signature" made by the primary key.</summary>
    private static PgpPublicKeyRing Rebind(OpenPgpKey key, string subkeyId, bool embedWrongBackSignature)
    {
        var ring = key.PublicRing;
        var primary = ring.GetPublicKey();
        var subkey = ring.GetPublicKeys().Single(k => !k.IsMasterKey && string.Equals(k.KeyId.ToString("X16", CultureInfo.InvariantCulture), subkeyId, StringComparison.OrdinalIgnoreCase));
        var primaryPrivate = key.SecretRing!.GetSecretKey().ExtractPrivateKeyRaw([]);
        var created = subkey.CreationTime.AddSeconds(1);

        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetSignatureCreationTime(false, created);
        hashed.SetKeyFlags(false, 0x02);
        if (embedWrongBackSignature)
        {
            var back = new PgpSignatureGenerator(primary.Algorithm, HashAlgorithmTag.Sha256);
            back.InitSign(PgpSignature.PrimaryKeyBinding, primaryPrivate);
            var backHashed = new PgpSignatureSubpacketGenerator();
            backHashed.SetSignatureCreationTime(false, created);
            back.SetHashedSubpackets(backHashed.Generate());
            hashed.AddEmbeddedSignature(false, back.GenerateCertification(primary, subkey));
        }

        var generator = new PgpSignatureGenerator(primary.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.SubkeyBinding, primaryPrivate);
        generator.SetHashedSubpackets(hashed.Generate());
        var binding = generator.GenerateCertification(primary, subkey);

        var rebound = subkey;
        foreach (var old in subkey.GetSignatures().ToList())
        {
            rebound = PgpPublicKey.RemoveCertification(rebound, old);
        }

        rebound = PgpPublicKey.AddCertification(rebound, binding);
        return PgpPublicKeyRing.InsertPublicKey(ring, rebound);
    }
}
