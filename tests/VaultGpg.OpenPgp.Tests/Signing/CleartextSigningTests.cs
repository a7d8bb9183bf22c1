using System.Text;
using Microsoft.Extensions.Time.Testing;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Signing;

public sealed class CleartextSigningTests(GpgKeysFixture keys) : IClassFixture<GpgKeysFixture>
{
    private const string Release = """
        Origin: VaultGpg
        Label: VaultGpg test
        Suite: stable
        Codename: bookworm
        Date: Wed, 25 Nov 2026 10:00:00 UTC
        Architectures: amd64
        Components: main
        SHA256:
         0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef 1234 main/binary-amd64/Packages
        -----BEGIN ANYTHING-----
        From here on, dash and From lines must be escaped

        """;

    private readonly OpenPgpSigner _signer = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero)));

    [GpgTheory("gpgv")]
    [InlineData("rsa", HashAlgorithm.Sha256)]
    [InlineData("rsa", HashAlgorithm.Sha512)]
    [InlineData("ed25519", HashAlgorithm.Sha256)]
    [InlineData("p256", HashAlgorithm.Sha384)]
    public async Task SignCleartext_ReleaseFile_GpgvAcceptsAsInRelease(string keyName, HashAlgorithm hash)
    {
        // Arrange
        var key = keys[keyName];
        var keyring = await keys.Gpg.WriteTempFileAsync("ring", key.PublicKey);
        var inRelease = await keys.Gpg.WriteTempFileAsync("InRelease", Encoding.UTF8.GetBytes(_signer.SignCleartext(key.Signer, Release, hash, null)));

        // Act: apt runs gpgv with its trusted keyring on the InRelease file.
        var result = await ExternalProcess.RunAsync(
            "gpgv", ["--status-fd", "1", "--keyring", keyring, inRelease], null, new Dictionary<string, string> { ["GNUPGHOME"] = keys.Gpg.Home }, TimeSpan.FromSeconds(30));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        var verdict = new GpgResult(result, GpgStatusLine.ParseAll(result.StdoutText));
        Assert.True(verdict.IsGood, verdict.ToString());
        Assert.Contains("[GNUPG:] VALIDSIG " + key.Fingerprint, result.StdoutText, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task SignCleartext_ReleaseFile_GpgDecryptReturnsTextExactly()
    {
        var message = _signer.SignCleartext(keys["rsa"].Signer, Release, HashAlgorithm.Sha256, null);

        var (result, status) = await keys.Gpg.VerifyInlineAsync(Encoding.UTF8.GetBytes(message));

        Assert.True(status.Good, result.ToString());
        Assert.Equal(0x01, status.SignatureClass);
        Assert.Equal(Release, result.StdoutText);
        Assert.Contains("\n- -----BEGIN ANYTHING-----\n- From here on", message, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n", message, StringComparison.Ordinal);
    }

    [GpgTheory]
    [InlineData("trailing spaces   \nand tabs\t\t\nend\n")]
    [InlineData("crlf lines\r\nsecond\r\n")]
    [InlineData("no final newline")]
    [InlineData("-leading dash\n--\n-\n")]
    [InlineData("")]
    [InlineData("\n\n\nblank lines before\n\n")]
    [InlineData("ünïcødé ✓\n")]
    [InlineData("lone\rcarriage return\n")]
    public async Task SignCleartext_AwkwardText_GpgShowsWhatItShowsForItsOwnClearsign(string text)
    {
        // Arrange: what gpg itself makes of the same input is the reference for whitespace and line endings.
        var key = keys["ed25519"];
        var input = Encoding.UTF8.GetBytes(text);
        var theirs = (await keys.Gpg.RunAsync(["--local-user", key.Fingerprint, "--clearsign", "--output", "-", "-"], input)).EnsureSuccess("--clearsign").Stdout;

        // Act
        var ours = Encoding.UTF8.GetBytes(_signer.SignCleartext(key.Signer, text, HashAlgorithm.Sha256, null));

        // Assert
        var (ourResult, ourStatus) = await keys.Gpg.VerifyInlineAsync(ours);
        var (theirResult, _) = await keys.Gpg.VerifyInlineAsync(theirs);
        Assert.True(ourStatus.Good, ourResult.ToString());
        Assert.Equal(theirResult.Stdout, ourResult.Stdout);
    }
}
