using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary><c>vaultgpg sign</c> on a package set against the dev host; gpgv checks every signature.</summary>
[Collection(SigningHostCollection.Name)]
public sealed class SignCommandEndToEndTests(SigningHostFixture host) : IDisposable
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vge-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [GpgFact("gpgv")]
    public async Task Sign_84FilesWithOneSparseGiB_EverySignatureVerifiesWithGpgv()
    {
        // Arrange: 83 files of 1 B .. ~300 KiB (some sent inline, most hashed locally) and one sparse 1 GiB file.
        var files = new List<string>();
        var random = new Random(84);
        for (var i = 0; i < 83; i++)
        {
            var content = new byte[i * i * 45 + 1];
            random.NextBytes(content);
            files.Add(await WriteAsync($"pkg-{i:00}.rpm", content));
        }

        var sparse = Path.Combine(_directory, "image.iso");
        await using (var stream = File.Create(sparse))
        {
            stream.SetLength(1L << 30);
            stream.Position = (1L << 29) + 17;
            stream.Write("a few real bytes in the middle"u8);
        }

        files.Add(sparse);

        // Act
        var result = await host.RunVaultgpgAsync(["sign", "--key", SigningHostFixture.KeyName, "--jobs", "4", .. files]);

        // Assert
        Assert.True(result.ExitCode == 0, $"vaultgpg sign: {result}\n{host.HostLog}");
        Assert.Contains("signed 84 of 84 files", result.Stderr, StringComparison.Ordinal);
        foreach (var file in files)
        {
            var check = await ExternalProcess.RunAsync("gpgv", ["--keyring", host.Keyring, file + ".sig", file], timeout: TimeSpan.FromSeconds(120));
            Assert.True(check.ExitCode == 0, $"gpgv {file}: {check}");
        }
    }

    [GpgFact]
    public async Task Sign_OneUnreadableFile_ExitsNonZeroNamesItAndSignsTheOthers()
    {
        // Arrange: as root a mode-000 file is still readable, so the unreadable file is a dangling symlink there.
        var files = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            files.Add(await WriteAsync($"ok-{i}.tar", [(byte)i, 1, 2, 3]));
        }

        var unreadable = Path.Combine(_directory, "secret.tar");
        if (System.Environment.UserName == "root" || OperatingSystem.IsWindows())
        {
            File.CreateSymbolicLink(unreadable, Path.Combine(_directory, "does-not-exist"));
        }
        else
        {
            await File.WriteAllTextAsync(unreadable, "x");
            File.SetUnixFileMode(unreadable, UnixFileMode.None);
        }

        files.Insert(3, unreadable);

        // Act
        var result = await host.RunVaultgpgAsync(["sign", "--key", SigningHostFixture.KeyName, "--armor", .. files]);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAILED " + unreadable, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("signed 6 of 7 files", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(unreadable + ".asc"));
        foreach (var file in files.Where(f => f != unreadable))
        {
            var (check, _) = await host.Gpg.VerifyDetachedAsync(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(file + ".asc"));
            Assert.True(check.IsGood, $"{file}: {check}");
        }
    }

    [GpgFact]
    public async Task GpgMode_UnsupportedOption_Exit2NamesItAndWritesNothing()
    {
        var output = Path.Combine(_directory, "out.sig");

        var result = await host.RunAsync(Artifacts.GpgShim, ["-u", SigningHostFixture.KeyName, "--detach-sign", "--encrypt", "-o", output], "data"u8.ToArray());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--encrypt", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [GpgFact]
    public async Task VerifyCommand_GoodAndTamperedFiles_ReportsEachAndExits1()
    {
        var good = await WriteAsync("good.txt", "same"u8.ToArray());
        var bad = await WriteAsync("bad.txt", "original"u8.ToArray());
        var signed = await host.RunVaultgpgAsync(["sign", "--key", SigningHostFixture.KeyName, "--quiet", good, bad]);
        Assert.True(signed.ExitCode == 0, signed.ToString());
        await File.WriteAllTextAsync(bad, "tampered");

        var result = await host.RunVaultgpgAsync(["verify", "--key", SigningHostFixture.KeyEmail, good, bad]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(good + ": good signature", result.StdoutText, StringComparison.Ordinal);
        Assert.Contains(bad + ": BAD signature", result.StdoutText, StringComparison.Ordinal);
    }

    private async Task<string> WriteAsync(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllBytesAsync(path, content);
        return path;
    }
}
