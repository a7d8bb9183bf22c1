using CsCheck;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Verification;

namespace VaultGpg.OpenPgp.Tests.Verification;

public sealed class PacketReaderPropertyTests(FuzzSamplesFixture samples) : IClassFixture<FuzzSamplesFixture>
{
    private static readonly Gen<(int Tag, byte[] Body)> OldFormatPacket = Gen.Select(Gen.Int[1, 15], Gen.Byte.Array[0, 700]);

    [Fact]
    public void ReadAll_RandomOrMutatedPackets_ReturnsPacketsOrRefuses() => samples.Check("packet");

    [Fact]
    public void ReadAll_OldFormatPackets_ReturnsTheirTagsAndBodies() =>
        OldFormatPacket.Array[1, 5].Sample(
            packets =>
            {
                var read = PacketReader.ReadAll(packets.SelectMany(p => PacketWriter.Packet(p.Tag, p.Body)).ToArray());

                Assert.Equal(packets.Select(p => p.Tag), read.Select(p => p.Tag));
                Assert.Equal(packets.Select(p => p.Body), read.Select(p => p.Body.ToArray()));
            },
            iter: 1_000);

    [Fact]
    public void ReadAll_NewFormatPartialBodyChunks_JoinsThem() =>
        Gen.Select(Gen.Int[1, 63], Gen.Int[0, 10].Array[0, 4], Gen.Byte.Array[0, 9000]).Sample(
            (tag, chunkPowers, tail) =>
            {
                var chunks = chunkPowers.Select(power => Enumerable.Range(0, 1 << power).Select(i => (byte)(i * 7 + power)).ToArray()).ToArray();
                var encoded = new List<byte> { (byte)(0xC0 | tag) };
                foreach (var (chunk, power) in chunks.Zip(chunkPowers))
                {
                    encoded.Add((byte)(224 + power));
                    encoded.AddRange(chunk);
                }

                encoded.AddRange(NewFormatLength(tail.Length));
                encoded.AddRange(tail);

                var packet = Assert.Single(PacketReader.ReadAll(encoded.ToArray()));

                Assert.Equal(tag, packet.Tag);
                Assert.Equal(chunks.SelectMany(c => c).Concat(tail), packet.Body.ToArray());
            },
            iter: 200);

    /// <summary>RFC 4880 §4.2.2: one octet below 192, two below 8384, else 0xFF and four octets.</summary>
    private static byte[] NewFormatLength(int length) => length switch
    {
        < 192 => [(byte)length],
        < 8384 => [(byte)(((length - 192) >> 8) + 192), (byte)(length - 192)],
        _ => [0xFF, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length],
    };
}
