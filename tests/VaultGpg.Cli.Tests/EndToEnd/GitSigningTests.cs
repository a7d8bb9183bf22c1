using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>git commit -S and git tag -s with gpg.program = build/gpg-shim; git verify-* runs the real gpg through it.</summary>
[Collection(SigningHostCollection.Name)]
public sealed class GitSigningTests(SigningHostFixture host) : IDisposable
{
    private readonly string _repository = TemporaryDirectory.CreateShort("vgg-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_repository);

    [GpgFact("git")]
    public async Task GitCommitAndTag_SignedThroughShim_VerifiedByGitWithRealGpg()
    {
        // Arrange: the README's git configuration; the signing key is named by e-mail, as most people do.
        await InitRepositoryAsync();
        await GitAsync("config", "user.signingkey", SigningHostFixture.KeyEmail);
        await File.WriteAllTextAsync(Path.Combine(_repository, "README"), "hello\n");
        await GitAsync("add", "README");

        // Act
        await GitAsync("commit", "-q", "-S", "-m", "signed through Vault");
        await GitAsync("tag", "-s", "-m", "release 1.0", "v1.0");

        // Assert
        var commit = await GitAsync("verify-commit", "--raw", "HEAD");
        Assert.True(Verdict(commit).IsGood, commit.ToString());
        Assert.Contains("[GNUPG:] VALIDSIG " + host.Fingerprint.ToUpperInvariant(), commit.Stderr, StringComparison.Ordinal);
        var tag = await GitAsync("verify-tag", "--raw", "v1.0");
        Assert.True(Verdict(tag).IsGood, tag.ToString());
    }

    [GpgFact("git")]
    public async Task GitVerifyCommit_ModifiedCommit_RejectedAsBadSignature()
    {
        await InitRepositoryAsync();
        await GitAsync("commit", "-q", "--allow-empty", "-S" + SigningHostFixture.KeyName, "-m", "original");
        var original = (await GitAsync("rev-parse", "HEAD")).StdoutText.Trim();

        // Rewrite the message while keeping the signature header: the signature no longer matches.
        var raw = (await GitAsync("cat-file", "commit", "HEAD")).StdoutText;
        Assert.Contains("\noriginal\n", raw, StringComparison.Ordinal);
        var forgery = await host.RunAsync("git", ["hash-object", "-t", "commit", "-w", "--stdin"],
            System.Text.Encoding.UTF8.GetBytes(raw.Replace("\noriginal\n", "\nforged!!\n", StringComparison.Ordinal)), GitEnvironment(), _repository);
        Assert.True(forgery.ExitCode == 0, $"git hash-object: {forgery}");
        var forged = forgery.StdoutText.Trim();
        Assert.NotEqual(original, forged);

        var verify = await host.RunAsync("git", ["verify-commit", "--raw", forged], null, GitEnvironment(), _repository);

        // gpg itself says the signature does not match (not a missing key, not a failed run).
        Assert.NotEqual(0, verify.ExitCode);
        Assert.True(Verdict(verify).Has("BADSIG"), verify.ToString());
        Assert.False(Verdict(verify).Has("GOODSIG"), verify.ToString());
    }

    /// <summary>The status lines <c>git verify-* --raw</c> passes on from gpg on stderr.</summary>
    private static GpgResult Verdict(ProcessResult result) => new(result, GpgStatusLine.ParseAll(result.Stderr));

    /// <summary>A repository whose committer is the key's user and whose gpg is the shim.</summary>
    private async Task InitRepositoryAsync()
    {
        await GitAsync("init", "-q", "-b", "main");
        await GitAsync("config", "user.name", "Release Bot");
        await GitAsync("config", "user.email", SigningHostFixture.KeyEmail);
        await GitAsync("config", "gpg.program", Artifacts.GpgShim);
    }

    private async Task<ProcessResult> GitAsync(params string[] arguments)
    {
        var result = await host.RunAsync("git", arguments, null, GitEnvironment(), _repository);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)}: {result}");
        return result;
    }

    private Dictionary<string, string> GitEnvironment() => new(StringComparer.Ordinal)
    {
        ["HOME"] = _repository,
        ["GIT_CONFIG_NOSYSTEM"] = "1",
    };
}
