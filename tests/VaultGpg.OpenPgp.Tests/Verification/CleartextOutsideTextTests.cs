using System.Text;
using VaultGpg.OpenPgp.Tests.Signing;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Verification;

/// <summary>
/// Text around a cleartext-signed block is not signed. gpg 2.2 ignores it silently (GOODSIG, exit 0) and fails on a
/// second signed block ("multiple plaintexts seen", exit 2); the verdict follows gpg, and the text outside is flagged.
/// </summary>
public sealed class CleartextOutsideTextTests(GpgKeysFixture keys) : IClassFixture<GpgKeysFixture>
{
    private const string Signed = "Origin: test\nSuite: stable\n";

    [GpgTheory]
    [InlineData("Suite: evil\n", "")]
    [InlineData("", "Suite: evil\n")]
    [InlineData("Suite: evil\n", "\nSuite: evil\n")]
    public async Task VerifyCleartext_TextOutsideTheBlock_GoodAsGpgSaysButFlaggedWithOnlyTheSignedText(string before, string after)
    {
        // Arrange
        var message = Encoding.UTF8.GetBytes(before + await ClearsignAsync(Signed) + after);
        var (gpgResult, gpgSays) = await keys.Gpg.VerifyInlineAsync(message);

        // Act
        var result = SignatureVerifier.VerifyCleartext(keys["ed25519"].PublicRing, message, DateTimeOffset.UtcNow);

        // Assert
        Assert.True(gpgSays.Good);
        Assert.Equal(0, gpgResult.ExitCode);
        Assert.True(result.Valid);
        Assert.True(result.HasUnsignedText);
        Assert.Equal(Signed, result.SignedText);
        Assert.Equal(gpgResult.StdoutText, result.SignedText);
    }

    [GpgFact]
    public async Task VerifyCleartext_OnlyTheBlockAndBlankLines_NotFlagged()
    {
        var message = Encoding.UTF8.GetBytes("\n" + await ClearsignAsync(Signed) + "\n\n");

        var result = SignatureVerifier.VerifyCleartext(keys["ed25519"].PublicRing, message, DateTimeOffset.UtcNow);

        Assert.True(result.Valid);
        Assert.False(result.HasUnsignedText);
    }

    [GpgFact]
    public async Task VerifyCleartext_SecondSignedBlock_MalformedWhereGpgFails()
    {
        var message = Encoding.UTF8.GetBytes(await ClearsignAsync(Signed) + await ClearsignAsync("Suite: evil\n"));
        var (gpgResult, _) = await keys.Gpg.VerifyInlineAsync(message);

        var result = SignatureVerifier.VerifyCleartext(keys["ed25519"].PublicRing, message, DateTimeOffset.UtcNow);

        Assert.NotEqual(0, gpgResult.ExitCode);
        Assert.Equal(VerificationStatus.Malformed, result.Status);
    }

    private async Task<string> ClearsignAsync(string text) =>
        (await keys.Gpg.RunAsync(["--local-user", keys["ed25519"].Fingerprint, "--clearsign", "--output", "-", "-"], Encoding.UTF8.GetBytes(text)))
            .EnsureSuccess("clearsign").StdoutText;
}
