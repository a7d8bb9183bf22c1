using System.Diagnostics;
using System.IO.Compression;
using VaultGpg.OpenPgp.Decryption;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Tests.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Decryption;

/// <summary>
/// Compression bombs encrypted to a gpg-made key: refused quickly, after at most one budget of output, with the
/// limit named. On the old per-packet cap they cost seconds and hundreds of MiB (or several GiB nested).
/// </summary>
public sealed class DecompressionBudgetTests(GpgKeysFixture keys) : IClassFixture<GpgKeysFixture>
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);

    private readonly KeyImporter _importer = new();

    [Fact]
    public void DeflatedZeros_Inflates_ToExactlyThatManyZeros()
    {
        using var inflate = new DeflateStream(new MemoryStream(HostileMessages.DeflatedZeros(5)), CompressionMode.Decompress);
        using var output = new MemoryStream();

        inflate.CopyTo(output);

        Assert.Equal(5 << 20, output.Length);
        Assert.False(output.ToArray().AsSpan().ContainsAnyExcept((byte)0));
    }

    [GpgTheory]
    [InlineData("1 GiB", 1024L, false)]
    [InlineData("8 GiB", 8192L, false)]
    [InlineData("8 GiB nested", 8192L, true)]
    public void Decrypt_CompressionBomb_RefusedQuicklyWithBoundedMemory(string label, long mebibytes, bool nested)
    {
        // Arrange
        var key = _importer.Import(keys["rsa"].SecretKey);
        var message = Encrypt(nested ? HostileMessages.NestedBomb(mebibytes) : HostileMessages.Bomb(mebibytes));
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();

        // Act
        var error = Assert.Throws<OpenPgpException>(() => MessageDecryptor.Decrypt(key, message));

        // Assert
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal(OpenPgpErrorKind.LimitExceeded, error.Kind);
        Assert.Contains(nested ? "nested" : "limit of 67108864 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < Quickly, $"{label} ({message.Length} bytes) took {watch.Elapsed}");
        // One budget of output, and the copies that decrypting the (8 MiB at most) ciphertext makes anyway.
        Assert.True(allocated < DecryptOptions.DefaultMaxPlaintextBytes + (16L * message.Length), $"{label} allocated {allocated >> 20} MiB");
    }

    [GpgFact]
    public void Decrypt_CompressedJustUnderTheBudget_ReturnsPlaintext()
    {
        var key = _importer.Import(keys["rsa"].SecretKey);
        var message = Encrypt(HostileMessages.Bomb(63));

        var result = MessageDecryptor.Decrypt(key, message);

        Assert.Equal(63 << 20, result.Plaintext.Length);
    }

    [GpgTheory]
    [InlineData("two compressed packets", "more than one compressed data packet")]
    [InlineData("marker inside compressed data", "marker or padding packet inside compressed data")]
    [InlineData("padding inside compressed data", "marker or padding packet inside compressed data")]
    public void Decrypt_CompressionShapeThatMultipliesWork_Refused(string shape, string reason)
    {
        var key = _importer.Import(keys["rsa"].SecretKey);
        var literal = OpenPgpPackets.Literal("hello"u8);
        byte[] inner = shape switch
        {
            "two compressed packets" => [.. Compress(literal), .. Compress(literal)],
            "marker inside compressed data" => Compress([.. OpenPgpPackets.Marker(), .. literal]),
            _ => Compress([.. OpenPgpPackets.Packet(21, new byte[16]), .. literal]),
        };

        var error = Assert.Throws<OpenPgpException>(() => MessageDecryptor.Decrypt(key, Encrypt(inner)));

        Assert.Equal(OpenPgpErrorKind.LimitExceeded, error.Kind);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [GpgFact]
    public void Decrypt_OneCompressedLayerWithMarkerOutside_ReturnsPlaintext()
    {
        // Marker and padding packets outside compressed data cost no more than their own bytes: still accepted.
        var key = _importer.Import(keys["rsa"].SecretKey);
        byte[] inner = [.. OpenPgpPackets.Marker(), .. Compress(OpenPgpPackets.Literal("hello"u8))];

        var result = MessageDecryptor.Decrypt(key, Encrypt(inner));

        Assert.Equal("hello"u8.ToArray(), result.Plaintext);
    }

    [GpgFact]
    public void Decrypt_CancelledWhileDecompressing_StopsWithCancellation()
    {
        var key = _importer.Import(keys["rsa"].SecretKey);
        var message = Encrypt(HostileMessages.Bomb(32));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => MessageDecryptor.Decrypt(key, message, cancellationToken: cancelled.Token));
    }

    private byte[] Encrypt(byte[] inner) => HostileMessages.EncryptTo(keys["rsa"].PublicKey, inner);

    private static byte[] Compress(byte[] packets) => OpenPgpPackets.Compressed(HostileMessages.Deflate(packets));
}
