using System.Diagnostics;
using VaultGpg.OpenPgp.Decryption;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Tests.Signing;
using VaultGpg.OpenPgp.Tests.Verification;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Decryption;

/// <summary>Broken or hostile messages give typed errors within a bounded time, for decryption and session keys.</summary>
public sealed class MalformedMessageTests(GpgKeysFixture keys) : IClassFixture<GpgKeysFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Cases() =>
        [.. MalformedInputs.CommonCases, "truncated", "truncated in session key", "absurd length", "a signature, not a message", "marker packet only"];

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

    private static byte[] Build(string name, byte[] valid) =>
        MalformedInputs.Common(name, valid, ArmorKind.Message, ArmorKind.Signature) ?? name switch
        {
            "truncated" => valid[..^40],
            "truncated in session key" => valid[..40],
            "absurd length" => [0xC1, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, .. valid[3..]],
            "a signature, not a message" => [0x88, 0x01, 0x04],
            "marker packet only" => [0xA8, 0x03, (byte)'P', (byte)'G', (byte)'P'],
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
}
