using System.Diagnostics;
using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>
/// Keys that cost work out of proportion to their size are refused from their packet fields, before any big-number
/// work, within a second. The old parser ran BouncyCastle's composite test on every RSA key first (seconds per
/// RSA-16384 key) and bounded count and size only by the 4 MiB input limit.
/// </summary>
public sealed class KeyWorkLimitTests
{
    private const int SecretSubkeyTag = 7;

    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);

    [Fact]
    public void Import_FourRsa16384Keys_RefusedWithinASecond()
    {
        var block = HostileKeys.RsaPublicKeyBlock(16384, 4);

        var (error, elapsed) = Refuse(block);

        Assert.Equal(OpenPgpErrorKind.LimitExceeded, error.Kind);
        Assert.Contains("has 16384 bits; at most 8192", error.Message, StringComparison.Ordinal);
        Assert.True(elapsed < WithinASecond, $"took {elapsed}");
        Assert.True(block.Length < 9 * 1024, $"{block.Length} bytes");
    }

    [Fact]
    public void Import_65Subkeys_RefusedNamingTheSubkeyLimit()
    {
        var (error, elapsed) = Refuse(HostileKeys.RsaPublicKeyBlock(1024, 66));

        Assert.Equal(OpenPgpErrorKind.LimitExceeded, error.Kind);
        Assert.Contains("65 subkeys; at most 64", error.Message, StringComparison.Ordinal);
        Assert.True(elapsed < WithinASecond, $"took {elapsed}");
    }

    [Fact]
    public void Import_ThreeRsa8192Keys_RefusedNamingTheModulusWork()
    {
        // Each is within the size limit; together their composite tests would cost seconds.
        var (error, elapsed) = Refuse(HostileKeys.RsaPublicKeyBlock(8192, 3));

        Assert.Equal(OpenPgpErrorKind.LimitExceeded, error.Kind);
        Assert.Contains("RSA moduli are too large to check together (1536 units of work; at most 1024", error.Message, StringComparison.Ordinal);
        Assert.True(elapsed < WithinASecond, $"took {elapsed}");
    }

    [Fact]
    public void Import_TenKeysProtectedAtGpgsMaximumS2kCount_RefusedBeforeAnyS2k()
    {
        // Arrange: a real protected export whose subkey is repeated (with its binding) until ten secret keys each
        // ask for 65011712 bytes of hashing: 650 MB against a budget of 520 MB.
        var key = new KeyGenerator().Generate(new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = "S2K" });
        var block = MaxCountProtected(Armor.Decode(key.ExportSecretKeyArmored("passphrase")), subkeyCopies: 9);

        // Act
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<OpenPgpException>(() => new KeyImporter().Import(block, new KeyImportOptions("passphrase")));

        // Assert
        Assert.Equal(OpenPgpErrorKind.LimitExceeded, error.Kind);
        Assert.Contains("650117120 bytes of S2K hashing; at most 520093696", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < WithinASecond, $"took {watch.Elapsed}");
    }

    [Fact]
    public void Import_EightKeysProtectedAtGpgsMaximumS2kCount_Accepted()
    {
        // The budget itself: eight keys at the maximum count are a legitimate (slow) import.
        var key = new KeyGenerator().Generate(new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = "S2K" });
        var block = MaxCountProtected(Armor.Decode(key.ExportSecretKeyArmored("passphrase")), subkeyCopies: 7);
        var ring = new PgpSecretKeyRing(block);

        KeyDataLimits.RequireWithinLimits(ring);

        Assert.Equal(8, ring.GetSecretKeys().Count());
    }

    private static (OpenPgpException Error, TimeSpan Elapsed) Refuse(byte[] block)
    {
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<OpenPgpException>(() => new KeyImporter().Import(block, new KeyImportOptions(AllowVerifyOnly: true)));
        return (error, watch.Elapsed);
    }

    /// <summary>The primary with its user ID, then the (one) subkey with its binding <paramref name="subkeyCopies"/>
    /// times, every secret key's S2K count byte set to 255 (gpg's maximum, 65011712 bytes).</summary>
    private static byte[] MaxCountProtected(byte[] export, int subkeyCopies)
    {
        var packets = PacketReader.ReadAll(export);
        var subkeyAt = packets.FindIndex(p => p.Tag == SecretSubkeyTag);
        var head = packets[..subkeyAt];
        var subkey = packets[subkeyAt..(subkeyAt + 2)];
        var rebuilt = head.Concat(Enumerable.Repeat(subkey, subkeyCopies).SelectMany(s => s));
        return [.. rebuilt.SelectMany(p => OpenPgpPackets.Packet(p.Tag, p.Tag is PacketTag.SecretKey or SecretSubkeyTag ? MaxCount(p.Body.Span) : p.Body.Span))];
    }

    private static byte[] MaxCount(ReadOnlySpan<byte> secretKeyBody)
    {
        // S2K usage 254, AES-256, iterated and salted, SHA-256, 8 bytes of salt, then the coded count.
        var body = secretKeyBody.ToArray();
        var s2k = body.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFE, 0x09, 0x03, 0x08]);
        Assert.True(s2k > 0, "no iterated S2K found in the secret key packet");
        body[s2k + 12] = 0xFF;
        return body;
    }
}
