using System.Buffers.Binary;
using CsCheck;
using VaultGpg.TestSupport;

namespace VaultGpg.Rpm.Tests;

/// <summary>Reading real packages, rebuilding their signature headers unchanged, and refusing broken ones.</summary>
[Collection(PackageCollection.Name)]
public sealed class RpmPackageReaderTests(PackageFixture fixture) : IDisposable
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vrr-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    public async Task Rebuild_EveryFixturePackageUnchanged_SameBytes()
    {
        // Property over every package rpmbuild and rpmsign made: parse, rebuild with no change, same bytes.
        foreach (var (name, path) in fixture.Packages)
        {
            var package = await RpmPackageReader.ReadFileAsync(path, CancellationToken.None);

            var rebuilt = package.SignatureHeader.ToArray();
            var unchanged = RpmSignatureHeaderEditor.ReplaceSignatures(
                package, [.. package.SignatureHeader.Entries.Where(e => e.Tag is RpmTags.RsaHeader or RpmTags.DsaHeader)]);

            Assert.True(rebuilt.AsSpan().SequenceEqual(package.SignatureHeaderBytes.Span), $"{name}: rebuilt header differs");
            Assert.True(unchanged.SameLength && unchanged.Bytes.AsSpan().SequenceEqual(package.SignatureHeaderBytes.Span), $"{name}: replacing a signature by itself changed the header");
        }
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    public async Task Read_BuiltPackages_FormatV4AndMainHeaderWhereRpmSaysItIs()
    {
        var package = await RpmPackageReader.ReadFileAsync(fixture.Packages["arch"], CancellationToken.None);

        Assert.Equal(RpmFormat.V4, package.Format);
        Assert.Equal(RpmTags.HeaderImmutable, package.MainHeader.RegionTag);
        Assert.Empty(package.HeaderSignatures);
        // rpm's own SHA256HEADER, computed by rpmbuild over these bytes.
        var sha256 = package.SignatureHeader.Find(RpmTags.Sha256Header)!.StringValue;
        Assert.Equal(sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(package.MainHeaderBytes.Span)));
        Assert.Single((await RpmPackageReader.ReadFileAsync(fixture.Packages["signed-by-other"], CancellationToken.None)).HeaderSignatures);
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    public async Task Read_LeadMajor4_RecognisedAsV6()
    {
        // rpm 6 writes lead major 4 for v6 packages (lib/rpmlead.cc); the rest of this one is a v4 package.
        var bytes = await File.ReadAllBytesAsync(fixture.Packages["small"]);
        bytes[4] = 4;

        var package = await RpmPackageReader.ReadAsync(new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(RpmFormat.V6, package.Format);
    }

    [Fact]
    public async Task Read_NotAnRpm_RefusedAsNotRpm()
    {
        var path = Path.Combine(_directory, "readme.rpm");
        await File.WriteAllTextAsync(path, new string('x', 500));

        var e = await Assert.ThrowsAsync<RpmPackageException>(() => RpmPackageReader.ReadFileAsync(path, CancellationToken.None));

        Assert.Equal(RpmErrorKind.NotRpm, e.Kind);
        Assert.Contains("not an RPM package", e.Message, StringComparison.Ordinal);
    }

    [GpgTheory("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    [InlineData(10, RpmErrorKind.NotRpm)]
    [InlineData(200, RpmErrorKind.CorruptHeader)]
    [InlineData(5000, RpmErrorKind.CorruptHeader)]
    [InlineData(-100, RpmErrorKind.CorruptHeader)]
    public async Task Read_Truncated_RefusedAndNamesIt(int keep, RpmErrorKind kind)
    {
        var bytes = await File.ReadAllBytesAsync(fixture.Packages["arch"]);
        var path = Path.Combine(_directory, "truncated.rpm");
        await File.WriteAllBytesAsync(path, bytes[..(keep > 0 ? keep : bytes.Length + keep)]);

        var e = await Assert.ThrowsAsync<RpmPackageException>(() => RpmPackageReader.ReadFileAsync(path, CancellationToken.None));

        Assert.Equal(kind, e.Kind);
        Assert.Matches("not an RPM|truncated", e.Message);
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    public async Task Read_MainHeaderByteChanged_DigestMismatch()
    {
        var bytes = await File.ReadAllBytesAsync(fixture.Packages["small"]);
        var package = await RpmPackageReader.ReadFileAsync(fixture.Packages["small"], CancellationToken.None);
        // A byte in the last entry's data (a string of the main header), so the structure stays valid.
        bytes[package.MainHeaderOffset + package.MainHeaderBytes.Length - 20] ^= 0x01;
        var path = Path.Combine(_directory, "tampered.rpm");
        await File.WriteAllBytesAsync(path, bytes);

        var e = await Assert.ThrowsAsync<RpmPackageException>(() => RpmPackageReader.ReadFileAsync(path, CancellationToken.None));

        Assert.Equal(RpmErrorKind.DigestMismatch, e.Kind);
        Assert.Contains("SHA256HEADER", e.Message, StringComparison.Ordinal);
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    public async Task Read_SignatureRegionTrailerBroken_CorruptHeader()
    {
        var bytes = await File.ReadAllBytesAsync(fixture.Packages["small"]);
        var package = await RpmPackageReader.ReadFileAsync(fixture.Packages["small"], CancellationToken.None);
        var trailer = RpmPackage.LeadLength + package.SignatureHeaderLength - 16;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(trailer + 8), -32);
        var path = Path.Combine(_directory, "trailer.rpm");
        await File.WriteAllBytesAsync(path, bytes);

        var e = await Assert.ThrowsAsync<RpmPackageException>(() => RpmPackageReader.ReadFileAsync(path, CancellationToken.None));

        Assert.Equal(RpmErrorKind.CorruptHeader, e.Kind);
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    public async Task Read_AnyByteOfTheHeadersFlipped_ReadsOrRefusesNeverCrashes()
    {
        var original = await File.ReadAllBytesAsync(fixture.Packages["small"]);
        var headersEnd = (await RpmPackageReader.ReadAsync(new MemoryStream(original), CancellationToken.None)).Prefix.Length;

        await Gen.Int[0, headersEnd - 1].Select(Gen.Byte[1, 255]).SampleAsync(async (offset, mask) =>
        {
            var bytes = (byte[])original.Clone();
            bytes[offset] ^= mask;
            try
            {
                var package = await RpmPackageReader.ReadAsync(new MemoryStream(bytes), CancellationToken.None);
                // What parses rebuilds into a header that parses again with the same entries (a flipped tag number
                // may reorder them: rpm only needs increasing offsets, the rebuild sorts by tag).
                var again = RpmHeader.Parse(package.SignatureHeader.ToArray(), RpmTags.HeaderSignatures, "rebuilt");
                Assert.Equal(
                    package.SignatureHeader.Entries.OrderBy(e => e.Tag).Select(e => (e.Tag, e.Type, e.Count, Convert.ToHexString(e.Data.Span))),
                    again.Entries.Select(e => (e.Tag, e.Type, e.Count, Convert.ToHexString(e.Data.Span))));
            }
            catch (RpmPackageException)
            {
            }
        }, iter: 2000);
    }
}
