using VaultGpg.Cli.Signing;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.Signing;

public sealed class SignaturePacketFactsTests
{
    [Fact]
    public void Parse_FakePacket_ReadsClassAlgorithmsAndTime()
    {
        var facts = SignaturePacketFacts.Parse(FakeSignature.Packet(1, 22, 10, 1_234_567_890));

        // The fake's unhashed issuer subpacket (16) holds 01..08.
        Assert.Equal(new SignaturePacketFacts(1, 22, 10, 1_234_567_890) { IssuerKeyId = "0102030405060708" }, facts);
    }

    [GpgFact]
    public async Task Parse_SignatureMadeByGpg_MatchesWhatGpgReports()
    {
        // Arrange: gpg's own old-format packet and its own status line are the reference.
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync("Facts <facts@example.test>", "ed25519");
        var signed = await gpg.SignDetachedAsync(fingerprint, "data"u8.ToArray(), digestAlgorithm: "SHA384");
        signed.EnsureSuccess("sign");
        var created = signed.StatusOf("SIG_CREATED").Single().Arguments;

        // Act
        var facts = SignaturePacketFacts.Parse(signed.Stdout);

        // Assert: SIG_CREATED type pk-algo hash-algo class timestamp fingerprint
        Assert.Equal(int.Parse(created[1], System.Globalization.CultureInfo.InvariantCulture), facts.PublicKeyAlgorithm);
        Assert.Equal(int.Parse(created[2], System.Globalization.CultureInfo.InvariantCulture), facts.HashAlgorithm);
        Assert.Equal(Convert.ToInt32(created[3], 16), facts.SignatureClass);
        Assert.Equal(long.Parse(created[4], System.Globalization.CultureInfo.InvariantCulture), facts.CreatedUnixSeconds);
        Assert.Equal(fingerprint[^16..], facts.IssuerKeyId, ignoreCase: true);
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x02 })]
    [InlineData(new byte[] { 0xC6, 0x01, 0x04 })]
    [InlineData(new byte[] { 0xC2, 0x10, 0x04, 0x00 })]
    public void Parse_NotASignaturePacket_FormatException(byte[] data)
    {
        Assert.Throws<FormatException>(() => SignaturePacketFacts.Parse(data));
    }
}
