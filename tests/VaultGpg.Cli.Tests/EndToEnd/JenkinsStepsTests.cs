using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// The Jenkins shared library (build/jenkins/vars) under Debian's groovy with Jenkins' steps stubbed: the harness
/// checks the command lines, then the scripts the steps produced are run with sh against the dev host.
/// </summary>
[Collection(SigningHostCollection.Name)]
public sealed class JenkinsStepsTests(SigningHostFixture host) : IDisposable
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vgj-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [GpgFact("groovy", "rpmbuild", "rpmsign", "rpmkeys")]
    public async Task JenkinsSteps_UnderGroovy_CommandLinesCheckedAndTheirScriptsSignForReal()
    {
        // Arrange: the harness's own checks, plus two scripts recorded for the published vaultgpg.
        var scripts = Path.Combine(_directory, "scripts.tsv");
        var harness = await ExternalProcess.RunAsync(
            "groovy", [Artifacts.Path("build/jenkins/test/StepsTest.groovy"), scripts, Artifacts.Vaultgpg], timeout: TimeSpan.FromSeconds(120));
        Assert.True(harness.ExitCode == 0, $"StepsTest.groovy: {harness} {harness.StdoutText}");
        var dist = Directory.CreateDirectory(Path.Combine(_directory, "dist")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dist, "notes.txt"), "release notes\n");
        var packages = await RpmPackages.BuildAsync(dist, 2);

        // Act: each recorded line is "ENV<TAB>script"; run the script with those variables, as Jenkins' sh would.
        foreach (var line in (await File.ReadAllLinesAsync(scripts)).Where(l => l.Length > 0))
        {
            var (variables, script) = (line[..line.IndexOf('\t', StringComparison.Ordinal)], line[(line.IndexOf('\t', StringComparison.Ordinal) + 1)..]);
            var environment = variables.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1]);
            var run = await host.RunAsync("sh", ["-c", script], null, environment, _directory);
            Assert.True(run.ExitCode == 0, $"{script}: {run}");
        }

        // Assert
        var (check, _) = await host.Gpg.VerifyDetachedAsync(
            await File.ReadAllBytesAsync(Path.Combine(dist, "notes.txt")), await File.ReadAllBytesAsync(Path.Combine(dist, "notes.txt.asc")));
        Assert.True(check.IsGood, check.ToString());
        await using var keyring = RpmKeyring.Create();
        Assert.Equal(0, (await keyring.ImportAsync(host.PublicKey)).ExitCode);
        foreach (var package in packages)
        {
            var result = await keyring.CheckSignatureAsync(package);
            Assert.True(result.ExitCode == 0 && result.StdoutText.Contains("signatures OK", StringComparison.Ordinal), $"{package}: {result.StdoutText}");
        }
    }
}
