using CsCheck;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Verification;

namespace VaultGpg.OpenPgp.Tests.Signing;

public sealed class SignaturePacketPropertyTests(FuzzSamplesFixture samples) : IClassFixture<FuzzSamplesFixture>
{
    [Fact]
    public void Parse_RandomOrMutatedBodies_ReturnsPacketOrRefuses() => samples.Check("signature");

    [Fact]
    public void ReadFacts_SubpacketsAsWeWriteThem_ReturnsTheirValues() =>
        Gen.Select(Gen.Byte.Array[20], Gen.UInt, Gen.ULong, Gen.Byte.Array[0, 600]).Sample(
            (fingerprint, created, keyId, signatureData) =>
            {
                var written = new SignaturePacket(0x00, 22, 8, SignatureSubpackets.Hashed(fingerprint, created, 3600), SignatureSubpackets.Unhashed(keyId), 0xBEEF, signatureData);

                var parsed = SignaturePacket.Parse(PacketReader.ReadAll(written.Encode()).Single().Body.Span);
                var facts = parsed.ReadFacts();

                Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(created), facts.CreatedAt);
                Assert.Equal(keyId, facts.IssuerKeyId);
                Assert.Equal(fingerprint, facts.IssuerFingerprint);
                Assert.False(facts.HasUnknownCriticalSubpacket);
                Assert.Equal(written.Trailer(), parsed.Trailer());
            },
            iter: 2_000);
}
