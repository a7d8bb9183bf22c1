using System.Net;
using System.Text.Json.Nodes;
using VaultGpg.Cli.Tests.EndToEnd;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.Rpm;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.Commands;

/// <summary>
/// <c>vaultgpg rpmsign</c>'s native path against the fake Vault, on real packages from rpmbuild: one batch request,
/// per-package failures, key-type refusals, and the macro check of the rpmsign route. rpmkeys judges the real
/// signatures in the end-to-end tests (<see cref="RpmSigningTests"/>).
/// </summary>
public sealed class RpmSignNativeTests : IDisposable
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vgn-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [GpgFact("rpmbuild")]
    public async Task Native_OneFileNotAnRpm_ItAloneFailsNamedOthersSignedInOneBatch()
    {
        var packages = await RpmPackages.BuildAsync(_directory, 3);
        var notRpm = Path.Combine(_directory, "notes.rpm");
        await File.WriteAllTextAsync(notRpm, new string('#', 300));
        var cli = FakeKeys.BatchSigningCli();

        var exit = await cli.RunAsync(["rpmsign", "--key", "release", packages[0], notRpm, packages[1], packages[2]]);

        Assert.Equal(1, exit);
        Assert.Contains($"FAILED {notRpm}: not an RPM package", cli.Error, StringComparison.Ordinal);
        Assert.Contains("signed 3 of 4 files", cli.Error, StringComparison.Ordinal);
        var batch = Assert.Single(cli.Vault.Requests, r => r.Method == "POST");
        var items = batch.Body!["batch_input"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.All(items, item => Assert.NotNull(item!["hash_state"]));
        foreach (var package in packages)
        {
            var read = await RpmPackageReader.ReadFileAsync(package, CancellationToken.None);
            Assert.Equal(FakeSignature.Packet(), read.SignatureHeader.Find(RpmTags.RsaHeader)!.Data.ToArray());
        }
    }

    [GpgFact("rpmbuild")]
    public async Task Native_SignedTwiceWithSameKey_SecondRunLeavesFileUnchanged()
    {
        // rpmsign 4.18: a signature by the same key ID, hash and algorithm is "identical" and skipped.
        var package = (await RpmPackages.BuildAsync(_directory, 1))[0];
        Assert.Equal(0, await FakeKeys.BatchSigningCli().RunAsync(["rpmsign", "--key", "release", package]));
        var first = await File.ReadAllBytesAsync(package);
        var written = File.GetLastWriteTimeUtc(package);

        var cli = FakeKeys.BatchSigningCli();
        var exit = await cli.RunAsync(["rpmsign", "--resign", "--key", "release", package]);

        Assert.Equal(0, exit);
        Assert.Equal(first, await File.ReadAllBytesAsync(package));
        Assert.Equal(written, File.GetLastWriteTimeUtc(package));
    }

    [Fact]
    public async Task RpmSign_PackageNamedTwice_UsageErrorBeforeAnyRequest()
    {
        var cli = FakeKeys.BatchSigningCli();
        var package = Path.Combine(_directory, "a.rpm");

        var exit = await cli.RunAsync(["rpmsign", "--key", "release", package, Path.Combine(_directory, ".", "a.rpm")]);

        Assert.Equal(2, exit);
        Assert.Contains($"packages named more than once: {package}", cli.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Vault.Requests);
    }

    [Fact]
    public async Task Native_EcdsaKey_RefusedWithReasonBeforeAnyRequest()
    {
        var cli = new TestCli();
        var facts = FakeKeys.Facts("p256");
        facts["key_type"] = "ecdsa-p256";
        facts["curve"] = "nistp256";
        cli.Vault.Respond = r => r.Method == "GET" ? FakeVault.Data(facts) : (HttpStatusCode.NotFound, null);

        var exit = await cli.RunAsync(["rpmsign", "--key", "p256", Path.Combine(_directory, "x.rpm")]);

        Assert.Equal(2, exit);
        Assert.Contains("ECDSA keys cannot sign RPMs for rpm 4.18", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(cli.Vault.Requests, r => r.Method == "POST");
    }

    [GpgFact("rpmbuild")]
    public async Task Native_EcdsaPacketWithRpmv6_OnlyOpenPgpTag()
    {
        var package = (await RpmPackages.BuildAsync(_directory, 1))[0];
        var cli = FakeKeys.BatchSigningCli();
        var respond = cli.Vault.Respond;
        cli.Vault.Respond = r => r.Method == "POST"
            ? FakeVault.Data(new JsonObject { ["batch_results"] = new JsonArray(new JsonObject { ["signature"] = FakeSignature.Base64(publicKeyAlgorithm: 19), ["reference"] = "0" }) })
            : respond(r);

        var exit = await cli.RunAsync(["rpmsign", "--rpmv6", "--key", "release", package]);

        Assert.True(exit == 0, cli.Error);
        var read = await RpmPackageReader.ReadFileAsync(package, CancellationToken.None);
        Assert.Null(read.SignatureHeader.Find(RpmTags.DsaHeader));
        Assert.Equal([FakeSignature.Base64(publicKeyAlgorithm: 19)], read.SignatureHeader.Find(RpmTags.OpenPgp)!.StringValues);
    }

    [Fact]
    public async Task ViaRpmsign_KeyNameFromVaultWithMacro_RefusedAndRpmsignNeverRuns()
    {
        // The e-mail address is not a key name: the name comes from the mount's key list, i.e. from the server.
        var marker = Path.Combine(_directory, "ran");
        var evil = "x%(touch " + marker + ")";
        var cli = new TestCli();
        cli.Vault.Respond = r => r switch
        {
            { Query: "?list=true" } => FakeVault.Data(new JsonObject { ["keys"] = new JsonArray(evil) }),
            { Method: "GET" } when r.Path.Contains("example.test", StringComparison.Ordinal) => (HttpStatusCode.NotFound, null),
            { Method: "GET" } => FakeVault.Data(FakeKeys.Facts(evil, userId: "R <r@example.test>")),
            _ => (HttpStatusCode.NotFound, null),
        };

        var exit = await cli.RunAsync(["rpmsign", "--via-rpmsign", "--key", "r@example.test", "--rpmsign", "/bin/true", "--gpg-program", "/opt/shim", "a.rpm"]);

        Assert.Equal(2, exit);
        Assert.Contains("refusing key name", cli.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }
}
