using VaultGpg.TestSupport;

namespace VaultGpg.Rpm.Tests;

/// <summary>Packages signed through the library (gpg makes the packet), judged by rpmkeys, rpm and rpmsign 4.18.</summary>
[Collection(PackageCollection.Name)]
public sealed class NativeSigningTests(PackageFixture fixture) : IAsyncLifetime
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vrn-");
    private RpmKeys _keys = null!;

    private string RsaKeyId => fixture.RsaFingerprint[^8..];

    public async Task InitializeAsync()
    {
        if (PackageFixture.SkipReason is null)
        {
            _keys = await RpmKeys.CreateAsync(fixture, fixture.RsaFingerprint, fixture.EdFingerprint);
        }
    }

    public async Task DisposeAsync()
    {
        if (_keys is not null)
        {
            await _keys.DisposeAsync();
        }

        TemporaryDirectory.DeleteQuietly(_directory);
    }

    [GpgTheory("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    [InlineData("small", RpmWriteMode.InPlace)]
    [InlineData("arch", RpmWriteMode.InPlace)]
    [InlineData("large", RpmWriteMode.InPlace)]
    [InlineData("little-reserve", RpmWriteMode.Rewritten)]
    [InlineData("no-reserve", RpmWriteMode.Rewritten)]
    [InlineData("signed-by-other", RpmWriteMode.InPlace)]
    public async Task Sign_Rsa_RpmkeysSaysSignatureAndEveryDigestOk(string name, RpmWriteMode expectedMode)
    {
        var package = fixture.Copy(name, _directory);
        var length = new FileInfo(package).Length;

        var mode = await GpgHeaderSigner.SignAsync(fixture.Gpg, fixture.RsaFingerprint, RpmTags.RsaHeader, package);

        Assert.Equal(expectedMode, mode);
        await _keys.AssertSignedAsync(package, "RSA", RsaKeyId);
        if (mode == RpmWriteMode.InPlace)
        {
            Assert.Equal(length, new FileInfo(package).Length);
        }
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    public async Task Sign_Ed25519_DsaHeaderTagAndRpmkeysOk()
    {
        var package = fixture.Copy("arch", _directory);

        await GpgHeaderSigner.SignAsync(fixture.Gpg, fixture.EdFingerprint, RpmTags.DsaHeader, package);

        await _keys.AssertSignedAsync(package, "EdDSA", fixture.EdFingerprint[^8..]);
        var query = await _keys.RpmAsync("-qp", "--qf", "%{RSAHEADER:pgpsig}|%{DSAHEADER:pgpsig}", package);
        Assert.Matches($"^\\(none\\)\\|EdDSA/SHA256, .*Key ID {fixture.EdFingerprint[^16..].ToLowerInvariant()}$", query.StdoutText);
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    public async Task Sign_Rsa_RpmQueryNamesKeyAndRpmKAndInstallTestAccept()
    {
        var package = fixture.Copy("small", _directory);

        await GpgHeaderSigner.SignAsync(fixture.Gpg, fixture.RsaFingerprint, RpmTags.RsaHeader, package);

        var query = await _keys.RpmAsync("-qp", "--qf", "%{RSAHEADER:pgpsig}|%{DSAHEADER:pgpsig}", package);
        Assert.Matches($"^RSA/SHA256, .*Key ID {fixture.RsaFingerprint[^16..].ToLowerInvariant()}\\|\\(none\\)$", query.StdoutText);
        var check = await _keys.RpmAsync("-K", package);
        Assert.True(check.ExitCode == 0 && check.StdoutText.Contains("digests signatures OK", StringComparison.Ordinal), $"rpm -K: {check} {check.StdoutText}");
        var install = await _keys.RpmAsync("-i", "--test", "--nodeps", "--define", "_pkgverify_level signature", package);
        Assert.True(install.ExitCode == 0, $"rpm -i --test: {install} {install.StdoutText}");
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    public async Task Sign_WithRpm6OpenPgpTagToo_Rpm418StillSaysOk()
    {
        // What --rpmv6 writes: 268 and rpm 6's 278 (base64 of the same packet); rpm 4.18 must ignore 278.
        var package = fixture.Copy("arch", _directory);
        var read = await RpmPackageReader.ReadFileAsync(package, CancellationToken.None);
        var packet = await GpgHeaderSigner.SignHeaderAsync(fixture.Gpg, fixture.RsaFingerprint, read);
        var rebuilt = RpmSignatureHeaderEditor.ReplaceSignatures(
            read, [RpmHeaderEntry.Binary(RpmTags.RsaHeader, packet), RpmHeaderEntry.StringArray(RpmTags.OpenPgp, [Convert.ToBase64String(packet)])]);

        await RpmPackageWriter.WriteSignatureHeaderAsync(package, read, rebuilt.Bytes, CancellationToken.None);

        await _keys.AssertSignedAsync(package, "RSA", RsaKeyId);
        var again = await RpmPackageReader.ReadFileAsync(package, CancellationToken.None);
        Assert.Equal([Convert.ToBase64String(packet)], again.SignatureHeader.Find(RpmTags.OpenPgp)!.StringValues);
        Assert.Equal(2, again.HeaderSignatures.Count);
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    public async Task Sign_KeyNotImported_RpmInstallRefusesAtSignatureLevel()
    {
        // The control for the install test: the same package, a database without the key.
        var package = fixture.Copy("small", _directory);
        await GpgHeaderSigner.SignAsync(fixture.Gpg, fixture.OtherFingerprint, RpmTags.RsaHeader, package);

        var install = await _keys.RpmAsync("-i", "--test", "--nodeps", "--define", "_pkgverify_level signature", package);

        Assert.NotEqual(0, install.ExitCode);
    }

    [GpgTheory("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    [InlineData("main header", 0)]
    [InlineData("signature header", 1)]
    [InlineData("payload", 2)]
    public async Task Sign_ByteFlippedAfterwards_RpmkeysFails(string where, int part)
    {
        var package = fixture.Copy("arch", _directory);
        await GpgHeaderSigner.SignAsync(fixture.Gpg, fixture.RsaFingerprint, RpmTags.RsaHeader, package);
        var read = await RpmPackageReader.ReadFileAsync(package, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(package);
        var offset = part switch
        {
            0 => read.MainHeaderOffset + (read.MainHeaderBytes.Length / 2),
            1 => RpmPackage.LeadLength + read.SignatureHeaderLength - 40, // inside the signature packet's neighbours' data
            _ => bytes.Length - 100,
        };
        if (part == 1)
        {
            // Flip a byte of the signature packet itself (the RSA value at its end).
            var packetEnd = read.Prefix.Span[RpmPackage.LeadLength..].IndexOf(read.HeaderSignatures[0].Span) + read.HeaderSignatures[0].Length;
            offset = RpmPackage.LeadLength + packetEnd - 5;
        }

        bytes[offset] ^= 0x40;
        await File.WriteAllBytesAsync(package, bytes);

        var (exit, output) = await _keys.CheckAsync(package);

        Assert.True(exit != 0, $"rpmkeys accepted a package with a flipped byte in the {where}:\n{output}");
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    public async Task Sign_SameKeyAsRpmsign_FilesDifferOnlyInSignaturePacket()
    {
        var native = fixture.Copy("large", _directory);
        var bySign = Path.Combine(_directory, "by-rpmsign.rpm");
        File.Copy(native, bySign);
        var signed = await fixture.RpmSignAsync(bySign, fixture.EdFingerprint);
        Assert.True(signed.ExitCode == 0, $"rpmsign: {signed}");

        await GpgHeaderSigner.SignAsync(fixture.Gpg, fixture.EdFingerprint, RpmTags.DsaHeader, native);

        var a = await File.ReadAllBytesAsync(native);
        var b = await File.ReadAllBytesAsync(bySign);
        Assert.Equal(b.Length, a.Length);
        var packageA = await RpmPackageReader.ReadFileAsync(native, CancellationToken.None);
        var packageB = await RpmPackageReader.ReadFileAsync(bySign, CancellationToken.None);
        Assert.Equal(packageB.MainHeaderOffset, packageA.MainHeaderOffset);
        Assert.True(a.AsSpan(packageA.MainHeaderOffset).SequenceEqual(b.AsSpan(packageB.MainHeaderOffset)), "main header or payload differ");
        Assert.Equal(packageB.SignatureHeader.Entries.Select(e => (e.Tag, e.Type)), packageA.SignatureHeader.Entries.Select(e => (e.Tag, e.Type)));
        var packetA = packageA.SignatureHeader.Find(RpmTags.DsaHeader)!.Data.ToArray();
        var packetB = packageB.SignatureHeader.Find(RpmTags.DsaHeader)!.Data.ToArray();
        foreach (var (entryA, entryB) in packageA.SignatureHeader.Entries.Zip(packageB.SignatureHeader.Entries))
        {
            if (entryA.Tag != RpmTags.DsaHeader && entryA.Tag != RpmTags.ReservedSpace)
            {
                Assert.True(entryA.Data.Span.SequenceEqual(entryB.Data.Span), $"tag {entryA.Tag} differs");
            }
        }

        if (packetA.Length == packetB.Length)
        {
            // Same packet length (the usual case): the whole files differ only inside the packet, and there only in
            // the creation time and the signature value (EdDSA packets have no other variable field).
            var differing = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
            var packetStart = RpmPackage.LeadLength + a.AsSpan(RpmPackage.LeadLength).IndexOf(packetA);
            Assert.All(differing, i => Assert.InRange(i, packetStart, packetStart + packetA.Length - 1));
        }
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    public async Task Sign_PackageChangesBeforeWrite_RefusedAndFileKeepsTheChange()
    {
        var package = fixture.Copy("small", _directory);
        var read = await RpmPackageReader.ReadFileAsync(package, CancellationToken.None);
        var packet = await GpgHeaderSigner.SignHeaderAsync(fixture.Gpg, fixture.RsaFingerprint, read);
        var rebuilt = RpmSignatureHeaderEditor.ReplaceSignatures(read, [RpmHeaderEntry.Binary(RpmTags.RsaHeader, packet)]);
        var other = fixture.Copy("arch", _directory);
        File.Copy(other, package, overwrite: true);
        var before = await File.ReadAllBytesAsync(package);

        var e = await Assert.ThrowsAsync<RpmPackageException>(() => RpmPackageWriter.WriteSignatureHeaderAsync(package, read, rebuilt.Bytes, CancellationToken.None));

        Assert.Equal(RpmErrorKind.ChangedWhileSigning, e.Kind);
        Assert.Equal(before, await File.ReadAllBytesAsync(package));
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    public async Task Sign_Rewritten_KeepsFileModeAndLeavesNoTemporaryFile()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var directory = Path.Combine(_directory, "rewrite");
        Directory.CreateDirectory(directory);
        var package = fixture.Copy("no-reserve", directory);
        File.SetUnixFileMode(package, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var mode = await GpgHeaderSigner.SignAsync(fixture.Gpg, fixture.RsaFingerprint, RpmTags.RsaHeader, package);

        Assert.Equal(RpmWriteMode.Rewritten, mode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(package));
        Assert.Equal([package], Directory.GetFiles(directory));
    }
}
