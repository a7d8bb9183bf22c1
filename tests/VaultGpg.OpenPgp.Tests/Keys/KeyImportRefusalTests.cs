using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>Bad key input gives a typed error quickly: never a crash, a hang or a generic exception.</summary>
public sealed class KeyImportRefusalTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    public static TheoryData<string, byte[], OpenPgpErrorKind> Junk => new()
    {
        { "empty", [], OpenPgpErrorKind.MalformedInput },
        { "whitespace", "  \r\n\t "u8.ToArray(), OpenPgpErrorKind.MalformedInput },
        { "text", "this is not a key"u8.ToArray(), OpenPgpErrorKind.MalformedInput },
        { "random bytes behind a secret key header", RandomBinary(64 * 1024, 0x95), OpenPgpErrorKind.MalformedInput },
        { "1 MiB random bytes behind a public key header", RandomBinary(1024 * 1024, 0x99), OpenPgpErrorKind.MalformedInput },
        { "10 MiB junk", RandomBinary(10 * 1024 * 1024, 0x95), OpenPgpErrorKind.InvalidInput },
        { "absurd packet length", [0xC5, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0x04, 0x00], OpenPgpErrorKind.MalformedInput },
        { "old-format indeterminate length", [0x97, 0x04, 0x01, 0x02], OpenPgpErrorKind.MalformedInput },
        { "armor header only", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n-----END PGP PRIVATE KEY BLOCK-----\n"u8.ToArray(), OpenPgpErrorKind.MalformedInput },
        { "armored message", "-----BEGIN PGP MESSAGE-----\n\nowE=\n=AAAA\n-----END PGP MESSAGE-----\n"u8.ToArray(), OpenPgpErrorKind.InvalidInput },
        { "armor with bad base64", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n!!!!****\n-----END PGP PRIVATE KEY BLOCK-----\n"u8.ToArray(), OpenPgpErrorKind.MalformedInput },
    };

    [Theory]
    [MemberData(nameof(Junk), DisableDiscoveryEnumeration = true)]
    public void Import_Junk_TypedErrorWithinBound(string label, byte[] data, OpenPgpErrorKind expected)
    {
        // Act
        var (error, elapsed) = Refuse(data);

        // Assert
        Assert.True(expected == error.Kind, $"{label}: {error.Kind}: {error.Message}");
        Assert.True(elapsed < Bound, $"{label} took {elapsed}");
    }

    [Fact]
    public void Import_RandomBytes_MalformedOrInvalidInputWithinBound()
    {
        // Random bytes may happen to start like a message packet (InvalidInput) or like nothing at all (MalformedInput).
        for (var i = 0; i < 50; i++)
        {
            // Act
            var (error, elapsed) = Refuse(RandomNumberGenerator.GetBytes(4096));

            // Assert
            Assert.Contains(error.Kind, new[] { OpenPgpErrorKind.MalformedInput, OpenPgpErrorKind.InvalidInput });
            Assert.True(elapsed < Bound);
        }
    }

    [GpgTheory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public async Task Import_TruncatedGpgKey_MalformedInput(double fraction)
    {
        // Arrange
        var binary = await GpgSecretKeyAsync(armor: false);
        var truncated = binary[..(int)(binary.Length * fraction)];

        // Act
        var (error, elapsed) = Refuse(truncated);

        // Assert
        Assert.Equal(OpenPgpErrorKind.MalformedInput, error.Kind);
        Assert.True(elapsed < Bound);
    }

    [GpgFact]
    public async Task Import_ArmorChecksumDoesNotMatch_MalformedInputNamingChecksum()
    {
        // Arrange: change one base64 character of the body, keeping the CRC line.
        var armored = Encoding.ASCII.GetString(await GpgSecretKeyAsync(armor: true));
        var lines = armored.Split('\n');
        var bodyLine = Array.FindIndex(lines, l => l.Length == 64);
        var chars = lines[bodyLine].ToCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        lines[bodyLine] = new string(chars);

        // Act
        var (error, _) = Refuse(Encoding.ASCII.GetBytes(string.Join('\n', lines)));

        // Assert
        Assert.Equal(OpenPgpErrorKind.MalformedInput, error.Kind);
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task Import_FlippedBitsInBinaryKey_TypedErrorOrTheSameKeyNeverAChangedOne()
    {
        // Arrange
        var binary = await GpgSecretKeyAsync(armor: false);
        var pristine = new KeyImporter().Import(binary).Info;
        var random = new Random(1234);
        var refused = 0;

        for (var i = 0; i < 200; i++)
        {
            var damaged = (byte[])binary.Clone();
            var at = random.Next(damaged.Length);
            damaged[at] ^= (byte)(1 << random.Next(8));

            // Act: a flip may land somewhere harmless (a signature's unhashed area, a subkey's binding that is then
            // left unbound), so success is allowed; any failure must be typed (anything else escapes and fails).
            KeyInfo imported;
            try
            {
                imported = new KeyImporter().Import(damaged).Info;
            }
            catch (OpenPgpException e)
            {
                Assert.True(e.Message.Length > 0, $"flip at {at}: {e.Kind} without a message");
                refused++;
                continue;
            }

            // Assert: what was accepted is the same key; changed key material or user IDs never come out as bound.
            Assert.True(pristine.Fingerprint == imported.Fingerprint, $"flip at {at}: accepted as {imported.Fingerprint}");
            Assert.True(imported.IsBound, $"flip at {at}: accepted with no self-signature in force");
            Assert.Equal(pristine.UserIds, imported.UserIds);
            Assert.All(imported.Subkeys.Where(s => s.IsBound), s => Assert.Contains(pristine.Subkeys, p => p.Fingerprint == s.Fingerprint));
        }

        // Almost every byte of a fresh Ed25519 key is key material, a signature or a length: most flips are refused.
        Assert.True(refused > 100, $"only {refused} of 200 flips were refused");
    }

    [GpgFact]
    public async Task Import_SignatureInsteadOfKey_InvalidInput()
    {
        // Arrange
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync("Signer <s@example.org>", "ed25519", "sign");
        var signature = (await gpg.SignDetachedAsync(fingerprint, "x"u8.ToArray())).EnsureSuccess("sign").Stdout;

        // Act
        var (error, _) = Refuse(signature);

        // Assert
        Assert.Equal(OpenPgpErrorKind.InvalidInput, error.Kind);
        Assert.Contains("signature", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01 })]
    [InlineData(new byte[] { 0x99, 0x00, 0x01, 0x03 })]
    public void FromStoredForm_Garbage_TypedError(byte[] data)
    {
        // Act
        var error = Assert.Throws<OpenPgpException>(() => OpenPgpKey.FromStoredForm(data));

        // Assert
        Assert.Equal(OpenPgpErrorKind.MalformedInput, error.Kind);
    }

    private static (OpenPgpException Error, TimeSpan Elapsed) Refuse(byte[] data)
    {
        var stopwatch = Stopwatch.StartNew();
        var error = Assert.Throws<OpenPgpException>(() => new KeyImporter().Import(data));
        return (error, stopwatch.Elapsed);
    }

    private static async Task<byte[]> GpgSecretKeyAsync(bool armor)
    {
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync("Victim <v@example.org>", "ed25519", "sign");
        await gpg.AddSubkeyAsync(fingerprint, "cv25519", "encr");
        return await gpg.ExportSecretKeyAsync(fingerprint, armor: armor);
    }

    /// <summary>Random bytes behind a fixed packet tag byte, so they reach a key packet parser.</summary>
    private static byte[] RandomBinary(int length, byte tag)
    {
        var data = RandomNumberGenerator.GetBytes(length);
        data[0] = tag;
        return data;
    }
}
