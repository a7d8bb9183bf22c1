using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.Commands;

public sealed class SignProgressTests : IDisposable
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vgq-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [Fact]
    public async Task Sign_OnATerminal_DrawsAProgressBarThenTheSummary()
    {
        var file = Path.Combine(_directory, "a.bin");
        await File.WriteAllTextAsync(file, "x");
        var error = new StringWriter();
        var cli = FakeKeys.BatchSigningCli();
        var context = cli.Context with { Console = cli.Context.Console with { Error = error, ErrorIsTerminal = true } };

        var exit = await Cli.Commands.CliApplication.RunAsync(context, ["sign", "-k", "release", file], "vaultgpg", CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("signing with release", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("100%", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("signed 1 of 1 files", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_NotATerminal_OnePlainLinePerFileAndNoControlCodes()
    {
        var files = new[] { "a.bin", "b.bin" }.Select(f => Path.Combine(_directory, f)).ToArray();
        foreach (var file in files)
        {
            await File.WriteAllTextAsync(file, "x");
        }

        var cli = FakeKeys.BatchSigningCli();

        Assert.Equal(0, await cli.RunAsync(["sign", "-k", "release", .. files]));

        Assert.Contains($"signed {files[0]} -> {files[0]}.sig\n", cli.Error, StringComparison.Ordinal);
        Assert.Contains($"signed {files[1]} -> {files[1]}.sig\n", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", cli.Error, StringComparison.Ordinal);
    }
}
