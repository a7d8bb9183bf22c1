using System.Security.Cryptography;
using System.Text;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Tests;

public sealed class PathLogTests : IAsyncLifetime
{
    private const string Origin = "vault.example.com/v1/gpg/log";
    private static readonly byte[] Artefact = Encoding.UTF8.GetBytes("vaultgpg-1.0.0.tar.gz contents\n");
    private TestBackend _backend = null!;
    private INoteVerifier _logKey = null!;
    private string _fingerprint = "";

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.CreateAsync();
        var configured = await _backend.WriteAsync("log/config", new { origin = Origin });
        Assert.True(configured.Data["enabled"]!.GetValue<bool>(), configured.ToString());
        _logKey = Ed25519NoteVerifier.Parse(configured.Text("verifier_key"));
        _fingerprint = (await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release" })).Text("fingerprint");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    [Fact]
    public async Task Sign_LogNeverConfigured_HasNoLogIndex()
    {
        var backend = await TestBackend.CreateAsync();
        await backend.WriteAsync("keys/k", new { key_type = "ed25519", real_name = "K" });

        var signed = await backend.WriteAsync("sign/k", new { input = Convert.ToBase64String(Artefact) });

        Assert.False(signed.Data.ContainsKey("log_index"), signed.ToString());
        Assert.Equal(404, (await backend.ReadAsync("log/checkpoint")).Status(Operation.Read));
    }

    [Fact]
    public async Task Sign_LogOn_ProofVerifiesForTheEntryRebuiltFromFileSignatureAndKey()
    {
        var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact), log_proof = true });

        var proof = TlogProof.Parse(signed.Text("log_proof"));
        var signature = Convert.FromBase64String(signed.Text("signature"));
        var entry = Encoding.UTF8.GetString(proof.Extra!);

        Assert.Equal(1, signed.Data["log_index"]!.GetValue<long>()); // 0 is the key's create event
        Assert.Equal(1, proof.Index);
        Assert.StartsWith($"{Origin}/signature/v1\nkey {_fingerprint} {signed.Text("fingerprint")}\n", entry, StringComparison.Ordinal);
        Assert.Contains($"\ndigest sha256:{Sha256Hex(Artefact)}\n", entry, StringComparison.Ordinal);
        Assert.Contains($"\nsignature sha256:{Sha256Hex(signature)}\ntype binary\n", entry, StringComparison.Ordinal);
        Assert.True(proof.Verifies(proof.Extra, _logKey));
        Assert.False(proof.Verifies(Encoding.UTF8.GetBytes(entry.Replace("type binary", "type text", StringComparison.Ordinal)), _logKey));
    }

    [Fact]
    public async Task Sign_HashState_EntryDigestIsTheFilesOwnSha512()
    {
        var hash = ResumableHash.Create(VaultGpg.OpenPgp.HashAlgorithm.Sha512);
        hash.Append(Artefact);

        var signed = await _backend.WriteAsync("sign/release", new { hash_state = Convert.ToBase64String(hash.ExportState()), log_proof = true });

        var entry = Encoding.UTF8.GetString(TlogProof.Parse(signed.Text("log_proof")).Extra!);
        Assert.Contains($"\ndigest sha512:{Convert.ToHexStringLower(SHA512.HashData(Artefact))}\n", entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_ArmoredAndCleartext_EntriesHashTheBinarySignaturePacket()
    {
        var armored = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact), format = "ascii-armor", log_proof = true });
        var clear = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact), mode = "clearsign", log_proof = true });

        var packet = Armor.Decode(armored.Text("signature"));
        var armoredEntry = Encoding.UTF8.GetString(TlogProof.Parse(armored.Text("log_proof")).Extra!);
        var clearEntry = Encoding.UTF8.GetString(TlogProof.Parse(clear.Text("log_proof")).Extra!);
        var message = clear.Text("signed_message");
        var clearPacket = Armor.Decode(message[message.IndexOf("-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal)..]);

        Assert.Contains($"\nsignature sha256:{Sha256Hex(packet)}\ntype binary\n", armoredEntry, StringComparison.Ordinal);
        Assert.Contains($"\ndigest sha256:{Sha256Hex(Artefact)}\nsignature sha256:{Sha256Hex(clearPacket)}\ntype cleartext\n", clearEntry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_Batch_EachItemHasItsOwnConsecutiveIndexAndVerifyingProof()
    {
        var items = Enumerable.Range(0, 5).Select(i => new { input = Convert.ToBase64String(Encoding.UTF8.GetBytes($"file {i}")), reference = $"r{i}" }).ToArray();

        var signed = await _backend.WriteAsync("sign/release", new { batch_input = items, log_proof = true });

        var results = signed.Data["batch_results"]!.AsArray();
        var indexes = results.Select(r => r!["log_index"]!.GetValue<long>()).ToList();
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), indexes);
        for (var i = 0; i < results.Count; i++)
        {
            var proof = TlogProof.Parse(results[i]!["log_proof"]!.GetValue<string>());
            Assert.Contains($"\ndigest sha256:{Sha256Hex(Encoding.UTF8.GetBytes($"file {i}"))}\n", Encoding.UTF8.GetString(proof.Extra!), StringComparison.Ordinal);
            Assert.True(proof.Verifies(proof.Extra, _logKey), $"item {i}");
        }
    }

    [Theory]
    [InlineData(LogicalError.ReadOnlyStorageMessage)]
    [InlineData("consul: entry too large")]
    public async Task Sign_LogCannotBeWritten_FailsWithTheStorageErrorAndReturnsNoSignature(string storageError)
    {
        var storage = new FailingPutStorage(new InMemoryStorage());
        var backend = await TestBackend.CreateAsync(storage);
        await backend.WriteAsync("log/config", new { origin = Origin });
        await backend.WriteAsync("keys/k", new { key_type = "ed25519", real_name = "K" });
        storage.Message = storageError;
        storage.FailPut(0);

        // The exception reaches the plugin boundary unchanged: a read-only one becomes Vault's read-only error there,
        // which makes Vault forward the request to the active node.
        var error = await Assert.ThrowsAsync<StorageException>(() => backend.WriteAsync("sign/k", new { input = Convert.ToBase64String(Artefact) }));
        var retried = await backend.WriteAsync("sign/k", new { input = Convert.ToBase64String(Artefact) });

        Assert.Equal(storageError == LogicalError.ReadOnlyStorageMessage, error.IsReadOnly);
        // A standby wrote nothing and drops what it signed; after another failure the signed commit is written again
        // first, so the unreturned signature stays in the log (the safe side) and the retry comes after it.
        Assert.Equal(error.IsReadOnly ? 1 : 2, retried.Data["log_index"]!.GetValue<long>());
    }

    [Fact]
    public async Task KeyEvents_CreateConfigSubkeyDelete_AreEntriesInOrder()
    {
        await _backend.WriteAsync("keys/release/config", new { deletion_allowed = true });
        var added = await _backend.WriteAsync("keys/release/subkeys", new { key_type = "ed25519" });
        Assert.True(added.Status(Operation.Update) == 200, added.ToString());
        await _backend.DeleteAsync("keys/release");

        var dir = await LogReader.ExportAsync(_backend);
        try
        {
            var entries = EntryBundle.Decode(File.ReadAllBytes(Path.Combine(dir, "tile/entries/000.p/4"))).Select(Encoding.UTF8.GetString).ToList();
            Assert.Equal(["create", "config", "subkey-add", "delete"], entries.Select(e => e.Split('\n')[1]["event ".Length..]));
            Assert.All(entries, e => Assert.Contains($"\nname release\nkey {_fingerprint}\n", e, StringComparison.Ordinal));
            Assert.Contains("\nsettings exportable=false deletion_allowed=true\n", entries[1], StringComparison.Ordinal);
            Assert.DoesNotContain("public-key", entries[3], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Config_OriginChange_IsRefusedAndDisableStopsLogging()
    {
        var changed = await _backend.WriteAsync("log/config", new { origin = "other.example/log" });
        var disabled = await _backend.WriteAsync("log/config", new { enabled = false });
        var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });

        Assert.Equal(400, changed.Status(Operation.Update));
        Assert.Contains("origin cannot change", changed.ErrorMessage, StringComparison.Ordinal);
        Assert.False(disabled.Data["enabled"]!.GetValue<bool>());
        Assert.False(signed.Data.ContainsKey("log_index"));
    }

    [Theory]
    [InlineData("https://vault.example.com/log")]
    [InlineData("vault.example.com/log/")]
    [InlineData("has space")]
    [InlineData("a+b")]
    public async Task Config_BadOrigin_Is400NamingTheField(string origin)
    {
        var backend = await TestBackend.CreateAsync();

        var result = await backend.WriteAsync("log/config", new { origin });

        Assert.Equal(400, result.Status(Operation.Update));
        Assert.StartsWith("origin: ", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicPaths_AreUnauthenticatedAndServeTheLogTheLibraryChecks()
    {
        for (var i = 0; i < 300; i++)
        {
            await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Encoding.UTF8.GetBytes($"file {i}")) });
        }

        var checkpoint = await LogReader.OpenAndCheckAsync(_backend, _logKey);
        var partial = await _backend.ReadAsync("log/tile/0/001.p/45");
        var beyond = await _backend.ReadAsync("log/tile/0/001.p/46");
        var malformed = await _backend.ReadAsync("log/tile/0/1");

        Assert.Equal(301, checkpoint.Size);
        Assert.Equal(Origin, checkpoint.Origin);
        Assert.Equal("application/octet-stream", partial.Text("http_content_type"));
        Assert.Equal(45 * 32, Convert.FromBase64String(partial.Text("http_raw_body")).Length);
        Assert.Equal(404, beyond.Status(Operation.Read));
        Assert.Equal(400, malformed.Status(Operation.Read));
        Assert.Equal(["log/checkpoint", "log/cosigned-checkpoint", "log/tile/*", "log/proof/*", "log/verifier-key"], _backend.Backend.SpecialPaths.Unauthenticated);
        Assert.Equal(_logKey.Name + "+" + _logKey.KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), string.Join('+', (await LogReader.VerifierKeyAsync(_backend)).Split('+')[..2]));
    }

    [Fact]
    public async Task Cosignatures_OfAConfiguredWitness_AreKeptAndServedWithTheirCheckpoint()
    {
        var witness = new CosignatureSigner("witness.example", RandomNumberGenerator.GetBytes(32));
        var stranger = new CosignatureSigner("stranger.example", RandomNumberGenerator.GetBytes(32));
        await _backend.WriteAsync("log/config", new { witnesses = new[] { witness.Verifier.VerifierKey } });
        await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });
        var latest = await LogReader.CheckpointAsync(_backend);

        var posted = await _backend.WriteAsync("log/cosignatures", new
        {
            checkpoint = latest.WithSignature(witness.Sign(latest.Text, 1_700_000_000)).WithSignature(stranger.Sign(latest.Text, 1_700_000_000)).ToString(),
        });
        var served = await LogReader.CheckpointAsync(_backend);
        var unknownOnly = await _backend.WriteAsync("log/cosignatures", new { checkpoint = latest.WithSignature(stranger.Sign(latest.Text, 1)).ToString() });
        var forged = SignedNote.Sign(latest.Text, Ed25519NoteSigner.Generate(Origin)).WithSignature(witness.Sign(latest.Text, 1));
        var notOurs = await _backend.WriteAsync("log/cosignatures", new { checkpoint = forged.ToString() });
        await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });
        var next = await LogReader.CheckpointAsync(_backend);
        var cosigned = SignedNote.Parse(await LogReader.RawAsync(_backend, "log/cosigned-checkpoint"));

        Assert.True(posted.Status(Operation.Update) == 200, posted.ToString());
        Assert.Equal(2, served.Signatures.Count);
        Assert.Equal(2, served.VerifiedBy([_logKey, witness.Verifier]).Count);
        Assert.Equal(400, unknownOnly.Status(Operation.Update));
        Assert.Equal(400, notOurs.Status(Operation.Update));
        Assert.Single(next.Signatures);
        Assert.Equal(served.ToString(), cosigned.ToString());
    }

    [Fact]
    public async Task ProofPaths_InclusionByIndexAndHashAndConsistency_Verify()
    {
        var first = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact), log_proof = true });
        var old = Checkpoint.Parse(TlogProof.Parse(first.Text("log_proof")).Checkpoint.Text);
        for (var i = 0; i < 20; i++)
        {
            await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Encoding.UTF8.GetBytes($"file {i}")) });
        }

        var entry = TlogProof.Parse(first.Text("log_proof")).Extra!;
        var byIndex = await _backend.ReadAsync("log/proof/inclusion", new { index = 1 });
        var byHash = await _backend.ReadAsync("log/proof/inclusion", new { leaf_hash = Convert.ToBase64String(LogHash.Leaf(entry)) });
        var consistency = await _backend.ReadAsync("log/proof/consistency", new { old_size = old.Size });
        var tooBig = await _backend.ReadAsync("log/proof/inclusion", new { index = 22 });

        var latest = Checkpoint.Parse(SignedNote.Parse(consistency.Text("checkpoint")).Text);
        Assert.Equal(22, latest.Size);
        Assert.Equal(1, byHash.Data["index"]!.GetValue<long>());
        foreach (var inclusion in new[] { byIndex, byHash })
        {
            var hashes = inclusion.Data["proof"]!.AsArray().Select(h => Convert.FromBase64String(h!.GetValue<string>())).ToList();
            Assert.True(MerkleProof.VerifyInclusion(LogHash.Leaf(entry), 1, latest.Size, hashes, latest.RootHash), inclusion.ToString());
        }

        var consistent = consistency.Data["proof"]!.AsArray().Select(h => Convert.FromBase64String(h!.GetValue<string>())).ToList();
        Assert.True(MerkleProof.VerifyConsistency(old.Size, latest.Size, old.RootHash, latest.RootHash, consistent));
        Assert.Equal(400, tooBig.Status(Operation.Read));
    }

    [TlogJudgeFact]
    public async Task GoJudge_ChecksTheServedTilesAndTheEnginesInclusionAndConsistencyProofs()
    {
        var first = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact), log_proof = true });
        for (var i = 0; i < 260; i++)
        {
            await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Encoding.UTF8.GetBytes($"file {i}")) });
        }

        var last = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact), log_proof = true });
        var oldCheckpoint = TlogProof.Parse(first.Text("log_proof")).Checkpoint;
        var consistency = await _backend.ReadAsync("log/proof/consistency", new { old_size = Checkpoint.Parse(oldCheckpoint.Text).Size });
        var verifierKey = await LogReader.VerifierKeyAsync(_backend);
        var dir = await LogReader.ExportAsync(_backend);
        try
        {
            foreach (var (name, signed) in new[] { ("first", first), ("last", last) })
            {
                var proof = TlogProof.Parse(signed.Text("log_proof"));
                TlogJudge.WriteFile(dir, $"proofs/{name}.tlog-proof", signed.Text("log_proof"));
                TlogJudge.WriteFile(dir, $"proofs/{name}.entry", proof.Extra!);
            }

            TlogJudge.WriteFile(dir, "consistency/c.old", oldCheckpoint.ToString());
            TlogJudge.WriteFile(dir, "consistency/c.new", consistency.Text("checkpoint"));
            TlogJudge.WriteFile(dir, "consistency/c.proof", string.Concat(consistency.Data["proof"]!.AsArray().Select(h => h!.GetValue<string>() + "\n")));

            var log = await TlogJudge.CheckLogAsync(verifierKey, dir);
            var proofs = await TlogJudge.CheckProofsAsync(verifierKey, Path.Combine(dir, "proofs"));
            var consistent = await TlogJudge.CheckConsistencyAsync(verifierKey, Path.Combine(dir, "consistency"));

            Assert.True(log.ExitCode == 0, log.ToString());
            Assert.StartsWith("ok 263 ", log.StdoutText, StringComparison.Ordinal);
            Assert.True(proofs.ExitCode == 0, proofs.ToString());
            Assert.True(consistent.ExitCode == 0, consistent.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
