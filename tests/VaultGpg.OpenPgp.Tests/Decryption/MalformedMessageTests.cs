using System.Diagnostics;
using System.Text;
using VaultGpg.OpenPgp.Decryption;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Tests.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Decryption;

/// <summary>Broken or hostile messages give typed errors within a bounded time, for decryption and session keys.</summary>
public sealed class MalformedMessageTests(GpgKeysFixture keys) : IClassFixture<GpgKeysFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Cases() =>
    [
        "empty", "random bytes", "10 MiB junk", "10 MiB high-bit junk", "truncated", "truncated in session key",
        "absurd length", "bad armor checksum", "armor of wrong type", "a signature, not a message", "marker packet only",
    ];

    [GpgTheory]
    [MemberData(nameof(Cases))]
    public async Task Decrypt_BrokenMessage_ThrowsTypedErrorQuickly(string name)
    {
        // Arrange
        var key = new KeyImporter().Import(keys["rsa"].SecretKey);
        var valid = await keys.Gpg.EncryptAsync(keys["rsa"].Fingerprint, "hello"u8.ToArray());
        var message = Build(name, valid);
        var watch = Stopwatch.StartNew();

        // Act
        var decrypt = Assert.Throws<OpenPgpException>(() => MessageDecryptor.Decrypt(key, message));
        var sessionKey = Assert.Throws<OpenPgpException>(() => SessionKeyReader.Read(key, message));

        // Assert
        Assert.True(watch.Elapsed < Bound, $"{name} took {watch.Elapsed}");
        Assert.Equal(decrypt.Kind, sessionKey.Kind);
        Assert.Contains(decrypt.Kind, new[] { OpenPgpErrorKind.MalformedInput, OpenPgpErrorKind.InvalidInput, OpenPgpErrorKind.CannotDecrypt });
    }

    /// <summary>Replaces the CRC-24 line with a different, well-formed one.</summary>
    internal static string WrongChecksum(string armored)
    {
        var at = armored.IndexOf("\n=", StringComparison.Ordinal) + 2;
        var replacement = armored.Substring(at, 4) == "AAAA" ? "AAAB" : "AAAA";
        return armored[..at] + replacement + armored[(at + 4)..];
    }

    private static byte[] Build(string name, byte[] valid)
    {
        var random = new Random(name.Length);
        byte[] Random(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        var armored = Armor.Encode(valid, ArmorKind.Message);
        return name switch
        {
            "empty" => [],
            "random bytes" => [0x00, .. Random(500)],
            "10 MiB junk" => Encoding.ASCII.GetBytes(new string('x', 10 << 20)),
            "10 MiB high-bit junk" => [.. Random(10 << 20).Select(b => (byte)(b | 0x80))],
            "truncated" => valid[..^40],
            "truncated in session key" => valid[..40],
            "absurd length" => [0xC1, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, .. valid[3..]],
            "bad armor checksum" => Encoding.ASCII.GetBytes(WrongChecksum(armored)),
            "armor of wrong type" => Encoding.ASCII.GetBytes(Armor.Encode(valid, ArmorKind.Signature)),
            "a signature, not a message" => [0x88, 0x01, 0x04],
            "marker packet only" => [0xA8, 0x03, (byte)'P', (byte)'G', (byte)'P'],
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
