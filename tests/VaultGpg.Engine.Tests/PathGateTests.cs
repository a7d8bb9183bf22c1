using System.Security.Cryptography;
using System.Text;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Tests;

/// <summary>
/// The reproducible-build gate through the router: builders made with Debian's in-toto 1.3.1 (in-toto-keygen ed25519
/// and rsa, in-toto-run --gpg) attest with in-toto-run; real gpg judges the signature the gate lets through.
/// </summary>
public sealed class PathGateTests(RebuilderFixture rebuilders) : IClassFixture<RebuilderFixture>, IAsyncLifetime
{
    private const string Origin = "vault.example.com/v1/gpg/log";
    private const string ArtifactName = "hello-1.0.tar.gz";
    private static readonly byte[] Artifact = Encoding.ASCII.GetBytes("hello-1.0.tar.gz as rebuilt, bit for bit\n");
    private TestBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.CreateAsync();
        Assert.True((await _backend.WriteAsync("log/config", new { origin = Origin })).Data["enabled"]!.GetValue<bool>());
        Assert.Null((await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release" })).ErrorMessage);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [InTotoFact]
    public async Task Sign_TwoOfThree_RefusedUntilTwoDistinctPolicyBuildersAttestedTheseBytes_ThenGpgVerifies()
    {
        await SetPolicyAsync(2);
        var input = new { input = Convert.ToBase64String(Artifact) };
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Artifact));

        var none = await _backend.WriteAsync("sign/release", input);
        var fromA = await AttestAsync(await rebuilders.Builders.LinkAsync("ed25519", "ed25519", ArtifactName, Artifact));
        var afterOne = await _backend.WriteAsync("sign/release", input);
        var againFromA = await AttestAsync(await rebuilders.Builders.LinkAsync("ed25519", "ed25519", ArtifactName, Artifact));
        var outsider = await AttestAsync(await rebuilders.Builders.LinkAsync("ecdsa", "ecdsa", ArtifactName, Artifact));
        var otherBytes = await AttestAsync(await rebuilders.Builders.LinkAsync("rsa", "rsa", ArtifactName, [.. Artifact, 0x0a]));
        var gpgLink = await rebuilders.Builders.GpgLinkAsync(rebuilders.GpgFingerprint, ArtifactName, Artifact);
        var tampered = await AttestAsync(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(gpgLink).Replace("\"rebuild\"", "\"rebuilt\"", StringComparison.Ordinal)));
        var stillOne = await _backend.WriteAsync("sign/release", input);
        var fromC = await AttestAsync(gpgLink);
        var signed = await _backend.WriteAsync("sign/release", input);

        Assert.Equal($"build policy not met: 0 of the 2 required builders attested {digest}; attested: none; missing: a, b, c", none.ErrorMessage);
        Assert.Equal(400, none.Status(Operation.Update));
        Assert.Equal(["a"], fromA.Data["builders"]!.AsArray().Select(b => b!.GetValue<string>()));
        Assert.Equal($"build policy not met: 1 of the 2 required builders attested {digest}; attested: a; missing: b, c", afterOne.ErrorMessage);
        Assert.Null(againFromA.ErrorMessage);
        Assert.StartsWith("attestation: unknown builder", outsider.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(otherBytes.ErrorMessage);
        Assert.StartsWith("attestation: bad signature", tampered.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(afterOne.ErrorMessage, stillOne.ErrorMessage);
        Assert.Null(fromC.ErrorMessage);
        Assert.Null(signed.ErrorMessage);
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes((await _backend.ReadAsync("export-public/release")).Text("public_key")))).EnsureSuccess("import");
        var (_, status) = await gpg.VerifyDetachedAsync(Artifact, Convert.FromBase64String(signed.Text("signature")));
        Assert.True(status.Good, status.ToString());

        // The log shows the policy, the attestations and the signature, whose gate entry names the attestations.
        var entries = await EntriesAsync();
        var signatureIndex = signed.Data["log_index"]!.GetValue<long>();
        var gateEntry = entries[(int)signatureIndex + 1];
        Assert.Contains(entries, e => e.StartsWith($"{Origin}/gate/v1\nevent policy\nname release\n", StringComparison.Ordinal) && e.Contains("\nthreshold 2\nbuilders 3\n", StringComparison.Ordinal));
        Assert.Equal(3, entries.Count(e => e.StartsWith($"{Origin}/gate/v1\nevent policy-builder\n", StringComparison.Ordinal)));
        Assert.Equal(3, entries.Count(e => e.StartsWith($"{Origin}/gate/v1\nevent attestation\n", StringComparison.Ordinal) && e.Contains($"\ndigest {digest}\n", StringComparison.Ordinal)));
        Assert.StartsWith($"{Origin}/signature/v1\n", entries[(int)signatureIndex], StringComparison.Ordinal);
        Assert.StartsWith($"{Origin}/gate/v1\nevent signature\nsignature-entry {signatureIndex}\ndigest {digest}\nthreshold 2\n", gateEntry, StringComparison.Ordinal);
        Assert.Contains($"\nattestation {againFromA.Text("attestation")}\n", gateEntry, StringComparison.Ordinal);
        Assert.Contains($"\nattestation {fromC.Text("attestation")}\n", gateEntry, StringComparison.Ordinal);
        Assert.Equal(signatureIndex, Assert.IsType<GateEntry>(LogEntry.Parse(Encoding.UTF8.GetBytes(gateEntry))).SignatureEntryIndex);
        Assert.All(entries, e => Assert.Equal(e, Encoding.UTF8.GetString(LogEntry.Parse(Encoding.UTF8.GetBytes(e)).ToBytes())));
    }

    [InTotoFact]
    public async Task Attest_DsseStatementWithSha512Only_CountsForTheInput()
    {
        await SetPolicyAsync(1);
        var statement = $$$"""{"_type": "https://in-toto.io/Statement/v1", "subject": [{"name": "{{{ArtifactName}}}", "digest": {"sha512": "{{{Convert.ToHexStringLower(SHA512.HashData(Artifact))}}}"}}], "predicateType": "https://slsa.dev/provenance/v1", "predicate": {}}""";

        var posted = await AttestAsync(await rebuilders.Builders.DsseAsync("ed25519", statement));
        var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artifact) });

        Assert.Equal("dsse", posted.Text("format"));
        Assert.Null(signed.ErrorMessage);
    }

    [InTotoFact]
    public async Task Sign_Batch_ItemsJudgedOneByOne()
    {
        await SetPolicyAsync(1);
        Assert.Null((await AttestAsync(await rebuilders.Builders.LinkAsync("rsa", "rsa", ArtifactName, Artifact))).ErrorMessage);

        var signed = await _backend.WriteAsync("sign/release", new
        {
            batch_input = new[]
            {
                new { input = Convert.ToBase64String(Encoding.ASCII.GetBytes("not attested")), reference = "x" },
                new { input = Convert.ToBase64String(Artifact), reference = "y" },
            },
        });

        var results = signed.Data["batch_results"]!.AsArray();
        Assert.StartsWith("batch_input[0]: build policy not met: 0 of the 1 required builders attested sha256:", results[0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(results[1]!["signature"]);
    }

    [InTotoFact]
    public async Task Sign_HashState_GatedOnTheFinishedDigest_Sha384Refused()
    {
        await SetPolicyAsync(1);
        Assert.Null((await AttestAsync(await rebuilders.Builders.LinkAsync("ed25519", "ed25519", ArtifactName, Artifact))).ErrorMessage);

        var signed = await _backend.WriteAsync("sign/release", new { hash_state = State(VaultGpg.OpenPgp.HashAlgorithm.Sha256) });
        var sha384 = await _backend.WriteAsync("sign/release", new { hash_state = State(VaultGpg.OpenPgp.HashAlgorithm.Sha384) });

        Assert.Null(signed.ErrorMessage);
        Assert.StartsWith("hash_state: the key's build policy judges the file's sha256 or sha512 digest", sha384.ErrorMessage, StringComparison.Ordinal);
    }

    [InTotoFact]
    public async Task Policy_BuilderGivenAnotherKey_ItsEarlierAttestationStopsCounting()
    {
        await SetPolicyAsync(1);
        Assert.Null((await AttestAsync(await rebuilders.Builders.LinkAsync("ed25519", "ed25519", ArtifactName, Artifact))).ErrorMessage);
        var before = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artifact) });

        // Builder "a" now has the ecdsa key: what its old ed25519 key attested is not its word any more.
        Assert.Null((await _backend.WriteAsync("keys/release/policy", new
        {
            threshold = 1,
            builders = new[] { new { id = "a", type = "ecdsa", public_key = rebuilders.PublicKeys["ecdsa"] } },
        })).ErrorMessage);
        var after = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artifact) });

        Assert.Null(before.ErrorMessage);
        Assert.StartsWith("build policy not met: 0 of the 1 required builders attested sha256:", after.ErrorMessage, StringComparison.Ordinal);
    }

    [InTotoFact]
    public async Task Policy_Deleted_KeySignsAsWithoutTheGate()
    {
        await SetPolicyAsync(1);
        var refused = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artifact) });

        await _backend.DeleteAsync("keys/release/policy");
        var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artifact) });

        Assert.StartsWith("build policy not met", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(signed.ErrorMessage);
        Assert.Equal(404, (await _backend.ReadAsync("keys/release/policy")).Status(Operation.Read));
    }

    [InTotoFact]
    public async Task Policy_Read_ShowsBuildersWithTheirKeyIds()
    {
        await SetPolicyAsync(2);

        var read = await _backend.ReadAsync("keys/release/policy");

        var builders = read.Data["builders"]!.AsArray();
        Assert.Equal(2, read.Data["threshold"]!.GetValue<int>());
        Assert.Equal(["a", "b", "c"], builders.Select(b => b!["id"]!.GetValue<string>()));
        Assert.Equal(rebuilders.GpgFingerprint.ToLowerInvariant(), builders[2]!["key_id"]!.GetValue<string>());
    }

    [InTotoTheory]
    [InlineData("""[{"id": "a", "type": "dsa", "public_key": "x"}]""", 1, "builders[0].type: unsupported key type \"dsa\"")]
    [InlineData("""[{"id": "a b", "type": "ed25519", "public_key": "x"}]""", 1, "builders[0].id: invalid \"a b\"")]
    [InlineData("""[{"id": "a", "type": "ed25519", "public_key": "x", "extra": 1}]""", 1, "builders[0].extra: unknown member")]
    [InlineData("""[{"id": "a", "type": "ed25519", "public_key": "{}"}]""", 1, "builders[0].public_key: not an in-toto ed25519 public key")]
    [InlineData("SAME", 1, "builders[1].public_key: the same key as builder \"a\"")]
    [InlineData("OK", 3, "threshold: 3 is out of range; must be 1 to 2")]
    [InlineData("OK", 0, "threshold: 0 is out of range; must be 1 to 2")]
    public async Task Policy_Invalid_Refused(string builders, int threshold, string expected)
    {
        var ed25519 = rebuilders.PublicKeys["ed25519"];
        object list = builders switch
        {
            "SAME" => new[] { new { id = "a", type = "ed25519", public_key = ed25519 }, new { id = "b", type = "ed25519", public_key = ed25519 } },
            "OK" => new[] { new { id = "a", type = "ed25519", public_key = ed25519 }, new { id = "b", type = "rsa", public_key = rebuilders.PublicKeys["rsa"] } },
            _ => System.Text.Json.Nodes.JsonNode.Parse(builders)!,
        };

        var written = await _backend.WriteAsync("keys/release/policy", new { builders = list, threshold });

        Assert.StartsWith(expected, written.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(404, (await _backend.ReadAsync("keys/release/policy")).Status(Operation.Read));
    }

    [InTotoTheory]
    [InlineData("bm90IGpzb24=", "attestation: malformed: the document is not valid JSON")]
    [InlineData("e30=", "attestation: malformed: the document is neither in-toto link metadata")]
    [InlineData("!!", "attestation: ")]
    public async Task Attest_Malformed_RefusedAndNothingLogged(string attestation, string expected)
    {
        await SetPolicyAsync(1);
        var before = (await LogReader.CheckpointAsync(_backend)).Text;

        var posted = await _backend.WriteAsync("keys/release/attest", new { attestation });

        Assert.StartsWith(expected, posted.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, (await LogReader.CheckpointAsync(_backend)).Text);
    }

    [InTotoFact]
    public async Task Attest_KeyWithoutPolicy_Refused()
    {
        var link = await rebuilders.Builders.LinkAsync("ed25519", "ed25519", ArtifactName, Artifact);

        var posted = await AttestAsync(link);

        Assert.Equal("key \"release\" has no build policy (keys/release/policy); attestations count only for a key with one", posted.ErrorMessage);
    }

    private async Task SetPolicyAsync(int threshold)
    {
        var written = await _backend.WriteAsync("keys/release/policy", new
        {
            threshold,
            builders = new[]
            {
                new { id = "a", type = "ed25519", public_key = rebuilders.PublicKeys["ed25519"] },
                new { id = "b", type = "rsa", public_key = rebuilders.PublicKeys["rsa"] },
                new { id = "c", type = "openpgp", public_key = rebuilders.PublicKeys["openpgp"] },
            },
        });
        Assert.Null(written.ErrorMessage);
    }

    private Task<TestBackend.Result> AttestAsync(byte[] document) =>
        _backend.WriteAsync("keys/release/attest", new { attestation = Convert.ToBase64String(document) });

    private static string State(VaultGpg.OpenPgp.HashAlgorithm algorithm)
    {
        var hash = ResumableHash.Create(algorithm);
        hash.Append(Artifact);
        return Convert.ToBase64String(hash.ExportState());
    }

    private async Task<List<string>> EntriesAsync()
    {
        var size = Checkpoint.Parse((await LogReader.CheckpointAsync(_backend)).Text).Size;
        var bundle = await LogReader.RawAsync(_backend, $"log/tile/entries/000.p/{size}");
        return [.. EntryBundle.Decode(bundle).Select(Encoding.UTF8.GetString)];
    }
}
