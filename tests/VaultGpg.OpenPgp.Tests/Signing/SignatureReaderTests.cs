using System.Buffers.Binary;
using System.Globalization;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Signing;

public sealed class SignatureReaderTests
{
    [Fact]
    public void ReadDetached_BuiltPacket_ReadsTypeAlgorithmsTimeAndIssuer()
    {
        // Arrange
        var packet = Packet(signatureType: 1, publicKeyAlgorithm: 22, hashAlgorithm: 10, created: 1_234_567_890);

        // Act
        var read = SignatureReader.ReadDetached(packet);

        // Assert
        var info = Assert.Single(read);
        Assert.Equal(new SignatureInfo(1, 22, 10, DateTimeOffset.FromUnixTimeSeconds(1_234_567_890), "0102030405060708", null), info);
    }

    [Fact]
    public void ReadDetached_TwoSignatures_BothInOrder()
    {
        var data = Packet(hashAlgorithm: 8).Concat(Packet(hashAlgorithm: 10)).ToArray();

        var read = SignatureReader.ReadDetached(data);

        Assert.Equal([8, 10], read.Select(s => s.HashAlgorithm));
    }

    [GpgFact]
    public async Task ReadDetached_SignatureMadeByGpg_MatchesWhatGpgReports()
    {
        // Arrange: gpg's own old-format packet and its own status line are the reference.
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync("Facts <facts@example.test>", "ed25519");
        var signed = await gpg.SignDetachedAsync(fingerprint, "data"u8.ToArray(), digestAlgorithm: "SHA384");
        signed.EnsureSuccess("sign");
        var created = signed.StatusOf("SIG_CREATED").Single().Arguments;

        // Act
        var info = Assert.Single(SignatureReader.ReadDetached(signed.Stdout));

        // Assert: SIG_CREATED type pk-algo hash-algo class timestamp fingerprint
        Assert.Equal(int.Parse(created[1], CultureInfo.InvariantCulture), info.PublicKeyAlgorithm);
        Assert.Equal(int.Parse(created[2], CultureInfo.InvariantCulture), info.HashAlgorithm);
        Assert.Equal(Convert.ToInt32(created[3], 16), info.SignatureType);
        Assert.Equal(long.Parse(created[4], CultureInfo.InvariantCulture), info.CreatedAt.ToUnixTimeSeconds());
        Assert.Equal(created[5], info.IssuerFingerprint);
        Assert.Equal(created[5][^16..], info.IssuerKeyId);
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x02 }, OpenPgpErrorKind.MalformedInput)]
    [InlineData(new byte[] { 0xC6, 0x01, 0x04 }, OpenPgpErrorKind.InvalidInput)]
    [InlineData(new byte[] { 0xC2, 0x10, 0x04, 0x00 }, OpenPgpErrorKind.MalformedInput)]
    [InlineData(new byte[] { 0xC2, 0x02, 0x03, 0x00 }, OpenPgpErrorKind.Unsupported)]
    public void ReadDetached_NotAVersion4Signature_TypedError(byte[] data, OpenPgpErrorKind kind)
    {
        var error = Assert.Throws<OpenPgpException>(() => SignatureReader.ReadDetached(data));

        Assert.Equal(kind, error.Kind);
    }

    [Fact]
    public void ReadDetached_NoCreationTime_MalformedInput()
    {
        var packet = new SignaturePacket(0, 1, 8, [], [], 0x1234, [0x00, 0x08, 0xAB]).Encode();

        var error = Assert.Throws<OpenPgpException>(() => SignatureReader.ReadDetached(packet));

        Assert.Equal(OpenPgpErrorKind.MalformedInput, error.Kind);
        Assert.Contains("creation time", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A v4 signature packet with a creation time (hashed) and an issuer key ID (unhashed).</summary>
    private static byte[] Packet(byte signatureType = 0, byte publicKeyAlgorithm = 1, byte hashAlgorithm = 8, uint created = 1_700_000_000)
    {
        byte[] hashed = [5, 2, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32BigEndian(hashed.AsSpan(2), created);
        byte[] unhashed = [9, 16, 1, 2, 3, 4, 5, 6, 7, 8];
        return new SignaturePacket(signatureType, publicKeyAlgorithm, hashAlgorithm, hashed, unhashed, 0x1234, [0x00, 0x10, 0xAB, 0xCD]).Encode();
    }
}
