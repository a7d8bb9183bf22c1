using System.Security.Cryptography;
using System.Text;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// <c>vaultgpg sign --log-proof</c> and <c>vaultgpg verify --log-key</c> against the dev host's mount with the log on:
/// a proof verifies, and every change to the file, the signature, the proof or its checkpoint, a wrong log key or an
/// unmet witness quorum makes verify fail. Real gpg judges the signatures themselves.
/// </summary>
[Collection(SigningHostCollection.Name)]
public sealed class TransparencyLogEndToEndTests(SigningHostFixture host) : IDisposable
{
    private const string Mount = SigningHostFixture.LogMount;
    private readonly string _directory = TemporaryDirectory.CreateShort("vgt-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [GpgFact]
    public async Task SignLogProof_Batch_EveryProofVerifiesWithTheLogKeyAndGpgAcceptsTheSignatures()
    {
        // Arrange
        var files = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            files.Add(await WriteAsync($"artefact-{i}.tar", Encoding.UTF8.GetBytes($"release artefact {i}\n")));
        }

        // Act
        var signed = await host.RunVaultgpgAsync(["sign", "--mount", Mount, "--key", SigningHostFixture.KeyName, "--log-proof", .. files]);
        var verified = await host.RunVaultgpgAsync(["verify", "--mount", Mount, "--key", SigningHostFixture.KeyName, "--log-key", host.LogVerifierKey, .. files]);

        // Assert
        Assert.True(signed.ExitCode == 0, $"sign: {signed}\n{host.HostLog}");
        Assert.True(verified.ExitCode == 0, $"verify: {verified}\n{verified.StdoutText}");
        foreach (var file in files)
        {
            Assert.StartsWith("c2sp.org/tlog-proof@v1\nextra ", await File.ReadAllTextAsync(file + ".sig.tlog-proof"), StringComparison.Ordinal);
            Assert.Contains($"{file}: in the transparency log\n", verified.StdoutText, StringComparison.Ordinal);
            var (gpg, status) = await host.Gpg.VerifyDetachedAsync(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(file + ".sig"));
            Assert.True(status.Good, $"gpg --verify {file}: {gpg}");
        }
    }

    [GpgFact]
    public async Task SignLogProof_Armored_VerifiesOfflineWithKeyFileAndLogKeyFile()
    {
        // Arrange
        var file = await WriteAsync("notes.txt", "armored and logged\n"u8.ToArray());
        var logKeyFile = await WriteAsync("log.vkey", Encoding.UTF8.GetBytes(host.LogVerifierKey + "\n"));

        // Act: no Vault address or token for verify: the key file and the proof's checkpoint are all it needs.
        var signed = await host.RunVaultgpgAsync(["sign", "--mount", Mount, "--key", SigningHostFixture.KeyName, "--armor", "--log-proof", file]);
        var verified = await host.RunVaultgpgAsync(
            ["verify", "--key-file", host.LogKeyFile, "--log-key", logKeyFile, file],
            extraEnvironment: new Dictionary<string, string> { ["VAULT_ADDR"] = "http://127.0.0.1:9", ["VAULT_TOKEN"] = "none" });

        // Assert
        Assert.True(signed.ExitCode == 0, $"sign: {signed}");
        Assert.True(File.Exists(file + ".asc.tlog-proof"));
        Assert.True(verified.ExitCode == 0, $"verify: {verified}\n{verified.StdoutText}");
        var (gpg, status) = await host.Gpg.VerifyDetachedAsync(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(file + ".asc"));
        Assert.True(status.Good, $"gpg --verify: {gpg}");
    }

    [Fact]
    public async Task SignLogProof_MountWithTheLogOff_FailsSayingSo()
    {
        var file = await WriteAsync("unlogged.bin", [1, 2, 3]);

        var signed = await host.RunVaultgpgAsync(["sign", "--key", SigningHostFixture.KeyName, "--log-proof", file]);

        Assert.NotEqual(0, signed.ExitCode);
        Assert.Contains("transparency log is off", signed.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".sig.tlog-proof"));
    }

    [Theory]
    [InlineData("file", "BAD signature")]
    [InlineData("signature", "differs from the proof's copy of the entry in: digest, signature")]
    [InlineData("index", "is not in the log at index")]
    [InlineData("proof hash", "(the proof's copy of the entry is the same: the inclusion proof or index does not lead to the checkpoint's root)")]
    [InlineData("checkpoint root", "has no valid signature of the log key")]
    [InlineData("checkpoint signature", "has no valid signature of the log key")]
    [InlineData("checkpoint size", "has no valid signature of the log key")]
    [InlineData("log key", "has no valid signature of the log key")]
    [InlineData("log name", "not of the log key's log")]
    [InlineData("no proof", "does not exist")]
    public async Task Verify_TamperedFileSignatureProofOrKey_Fails(string tampered, string message)
    {
        // Arrange: a logged signature that verifies, then one thing changed.
        var (file, proofFile) = await SignLoggedAsync();
        var logKey = host.LogVerifierKey;
        var proof = await File.ReadAllTextAsync(proofFile);
        var lines = proof.Split('\n');
        var checkpointStart = Array.IndexOf(lines, "") + 1;
        switch (tampered)
        {
            case "file":
                await File.AppendAllTextAsync(file, "trojan");
                break;
            case "signature":
                // Another valid signature of the same file and key (SHA-512: Ed25519 in the same second would sign the
                // same bytes again): it is logged elsewhere, not at this proof's index.
                var again = await host.RunVaultgpgAsync(["sign", "--mount", Mount, "--key", SigningHostFixture.KeyName, "--digest-algo", "SHA512", file]);
                Assert.True(again.ExitCode == 0, again.ToString());
                break;
            case "index":
                lines[2] = "index " + (long.Parse(lines[2]["index ".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1);
                break;
            case "proof hash":
                lines[3] = FlipBase64(lines[3]);
                break;
            case "checkpoint root":
                lines[checkpointStart + 2] = FlipBase64(lines[checkpointStart + 2]);
                break;
            case "checkpoint signature":
                lines[checkpointStart + 4] = FlipBase64(lines[checkpointStart + 4]);
                break;
            case "checkpoint size":
                lines[checkpointStart + 1] += "0";
                break;
            case "log key":
                logKey = Ed25519NoteSigner.Generate(SigningHostFixture.LogOrigin).Verifier.VerifierKey;
                break;
            case "log name":
                logKey = Ed25519NoteSigner.Generate("other.test/log").Verifier.VerifierKey;
                break;
            case "no proof":
                File.Delete(proofFile);
                break;
        }

        if (File.Exists(proofFile))
        {
            await File.WriteAllTextAsync(proofFile, string.Join('\n', lines));
        }

        // Act
        var verified = await VerifyAsync(file, logKey);

        // Assert
        Assert.True(verified.ExitCode == 1, $"verify after changing the {tampered}: {verified}\n{verified.StdoutText}");
        Assert.Contains(message, verified.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_UntamperedSignature_Succeeds()
    {
        // The control for the tamper cases: the same steps with nothing changed.
        var (file, _) = await SignLoggedAsync();

        var verified = await VerifyAsync(file, host.LogVerifierKey);

        Assert.True(verified.ExitCode == 0, $"verify: {verified}\n{verified.StdoutText}");
    }

    [Theory]
    [InlineData(false, 1, "does not meet the policy's witness quorum \"W\" (valid cosignatures from: none)")]
    [InlineData(true, 0, "in the transparency log")]
    public async Task Verify_TlogPolicyQuorum_NeedsTheWitnessCosignature(bool cosigned, int exitCode, string message)
    {
        // Arrange: a policy naming the log and one witness; the proof's checkpoint cosigned by that witness or not.
        var (file, proofFile) = await SignLoggedAsync();
        var witness = new CosignatureSigner("witness.e2e.test", RandomNumberGenerator.GetBytes(32));
        var policy = await WriteAsync("policy", Encoding.UTF8.GetBytes(
            $"# the log and its witness\nlog {host.LogVerifierKey}\nwitness W {witness.Verifier.VerifierKey}\nquorum W\n"));
        if (cosigned)
        {
            var proof = TlogProof.Parse(await File.ReadAllTextAsync(proofFile));
            var note = proof.Checkpoint.WithSignature(witness.Sign(proof.Checkpoint.Text, (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
            await File.WriteAllTextAsync(proofFile, (proof with { Checkpoint = note }).ToString());
        }

        // Act
        var verified = await host.RunVaultgpgAsync(["verify", "--mount", Mount, "--key", SigningHostFixture.KeyName, "--tlog-policy", policy, file]);

        // Assert
        Assert.True(verified.ExitCode == exitCode, $"verify: {verified}\n{verified.StdoutText}");
        Assert.Contains(message, verified.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_BrokenPolicy_UsageErrorNamesTheLine()
    {
        var (file, _) = await SignLoggedAsync();
        var policy = await WriteAsync("policy", Encoding.UTF8.GetBytes($"log {host.LogVerifierKey}\nquorum W\n"));

        var verified = await host.RunVaultgpgAsync(["verify", "--mount", Mount, "--key", SigningHostFixture.KeyName, "--tlog-policy", policy, file]);

        Assert.Equal(2, verified.ExitCode);
        Assert.Contains("policy line 2 names \"W\", which no earlier line defines", verified.Stderr, StringComparison.Ordinal);
    }

    private async Task<(string File, string Proof)> SignLoggedAsync()
    {
        var file = await WriteAsync($"release-{Guid.NewGuid():N}.tar", RandomNumberGenerator.GetBytes(3000));
        var signed = await host.RunVaultgpgAsync(["sign", "--mount", Mount, "--key", SigningHostFixture.KeyName, "--log-proof", file]);
        Assert.True(signed.ExitCode == 0, $"sign: {signed}\n{host.HostLog}");
        return (file, file + ".sig.tlog-proof");
    }

    private Task<ProcessResult> VerifyAsync(string file, string logKey) =>
        host.RunVaultgpgAsync(["verify", "--mount", Mount, "--key", SigningHostFixture.KeyName, "--log-key", logKey, "--tlog-proof", file + ".sig.tlog-proof", file]);

    /// <summary>The line with its first base64 character changed to another (still valid base64, another value).</summary>
    private static string FlipBase64(string line)
    {
        var at = line.StartsWith('\u2014') ? line.LastIndexOf(' ') + 8 : 0;
        return line[..at] + (line[at] == 'A' ? 'B' : 'A') + line[(at + 1)..];
    }

    private async Task<string> WriteAsync(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllBytesAsync(path, content);
        return path;
    }
}
