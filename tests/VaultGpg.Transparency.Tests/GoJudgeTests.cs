using System.Text;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

namespace VaultGpg.Transparency.Tests;

/// <summary>Go's golang.org/x/mod/sumdb (tlog, note) judges what the library makes, and the library checks what Go makes.</summary>
public sealed class GoJudgeTests(LibraryLog log) : IClassFixture<LibraryLog>
{
    private static readonly long[] Sizes = [1, 2, 255, 256, 257, 65_536, 70_001];

    [TlogJudgeFact]
    public async Task GoCheckLog_LibraryTilesAtEdgeSizes_RecomputeTheSignedRoot()
    {
        foreach (var size in new long[] { 1, 256, 257, 70_001 })
        {
            var dir = log.WriteDirectory(size);
            try
            {
                var result = await TlogJudge.CheckLogAsync(log.Signer.Verifier.VerifierKey, dir);

                Assert.True(result.ExitCode == 0, $"size {size}: {result}");
                Assert.StartsWith($"ok {size} ", result.StdoutText, StringComparison.Ordinal);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [TlogJudgeFact]
    public async Task GoCheckLog_OneChangedHashInATile_IsRejected()
    {
        var dir = log.WriteDirectory(257);
        try
        {
            var path = Path.Combine(dir, new TileId(0, 0, 256).Path);
            var data = File.ReadAllBytes(path);
            data[100] ^= 1;
            File.WriteAllBytes(path, data);

            var result = await TlogJudge.CheckLogAsync(log.Signer.Verifier.VerifierKey, dir);

            Assert.NotEqual(0, result.ExitCode);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TlogJudgeFact]
    public async Task GoCheckProofs_LibraryTlogProofs_Verify()
    {
        var dir = TemporaryDirectory.CreateShort("tlogp");
        try
        {
            var checkpoint = log.CheckpointAt(LibraryLog.Size);
            foreach (var index in new long[] { 0, 1, 255, 256, 65_535, 65_536, 70_000 })
            {
                var proof = await MerkleProof.ProveInclusionAsync(index, LibraryLog.Size, log.Tree, CancellationToken.None);
                var text = new TlogProof(log.Entries[(int)index], index, proof, checkpoint).ToString();
                TlogJudge.WriteFile(dir, LibraryLog.Name(index) + ".tlog-proof", text);
                TlogJudge.WriteFile(dir, LibraryLog.Name(index) + ".entry", log.Entries[(int)index]);
            }

            var result = await TlogJudge.CheckProofsAsync(log.Signer.Verifier.VerifierKey, dir);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("ok 7 proofs", result.StdoutText, StringComparison.Ordinal);

            // An entry that is not the logged one must fail Go's check.
            TlogJudge.WriteFile(dir, "0.entry", log.Entries[1]);
            Assert.NotEqual(0, (await TlogJudge.CheckProofsAsync(log.Signer.Verifier.VerifierKey, dir)).ExitCode);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TlogJudgeFact]
    public async Task GoCheckConsistency_LibraryProofsBetweenEdgeSizes_Verify()
    {
        var dir = TemporaryDirectory.CreateShort("tlogc");
        try
        {
            var count = 0;
            foreach (var oldSize in Sizes)
            {
                foreach (var newSize in Sizes.Where(s => s > oldSize))
                {
                    var proof = await MerkleProof.ProveConsistencyAsync(oldSize, newSize, log.Tree, CancellationToken.None);
                    var name = $"{oldSize}-{newSize}";
                    TlogJudge.WriteFile(dir, name + ".old", log.CheckpointAt(oldSize).ToString());
                    TlogJudge.WriteFile(dir, name + ".new", log.CheckpointAt(newSize).ToString());
                    TlogJudge.WriteFile(dir, name + ".proof", string.Concat(proof.Select(h => Convert.ToBase64String(h) + "\n")));
                    count++;
                }
            }

            var result = await TlogJudge.CheckConsistencyAsync(log.Signer.Verifier.VerifierKey, dir);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"ok {count} consistency proofs", result.StdoutText, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TlogJudgeFact]
    public async Task Library_GoMadeLog_OpensRecomputesAndVerifiesEveryProof()
    {
        var dir = TemporaryDirectory.CreateShort("tlogg");
        try
        {
            const string Origin = "go.example/log";
            var made = await TlogJudge.MakeLogAsync(Origin, 70_001, dir);
            Assert.True(made.ExitCode == 0, made.ToString());
            var verifier = Ed25519NoteVerifier.Parse(File.ReadAllText(Path.Combine(dir, "vkey")).Trim());

            // The checkpoint opens with Go's key and the tiles give its root.
            var note = SignedNote.Parse(File.ReadAllBytes(Path.Combine(dir, "checkpoint")));
            Assert.Single(note.VerifiedBy([verifier]));
            var checkpoint = Checkpoint.Parse(note.Text);
            Assert.Equal(Origin, checkpoint.Origin);
            var reader = new TileNodeReader(checkpoint.Size, (tile, _) =>
                ValueTask.FromResult<ReadOnlyMemory<byte>?>(File.ReadAllBytes(Path.Combine(dir, tile.Path))));
            Assert.Equal(checkpoint.RootHash, await MerkleProof.RootAsync(checkpoint.Size, reader, CancellationToken.None));

            // Go's entry bundles decode to the level 0 hashes.
            var lastBundle = TileLayout.TilesAt(checkpoint.Size).Last(t => t.IsEntryBundle);
            var entries = EntryBundle.Decode(File.ReadAllBytes(Path.Combine(dir, lastBundle.Path)));
            Assert.Equal(lastBundle.Width, entries.Count);
            var leaves = await reader.ReadNodesAsync([new NodeId(0, checkpoint.Size - 1)], CancellationToken.None);
            Assert.Equal(leaves[0], LogHash.Leaf(entries[^1]));

            // Go's tlog-proofs and consistency proofs verify.
            var proofs = Directory.GetFiles(Path.Combine(dir, "proofs"), "*.tlog-proof");
            Assert.NotEmpty(proofs);
            foreach (var file in proofs)
            {
                var proof = TlogProof.Parse(File.ReadAllText(file));
                var entry = File.ReadAllBytes(Path.ChangeExtension(file, ".entry"));
                Assert.Equal(entry, proof.Extra);
                Assert.True(proof.Verifies(entry, verifier), file);
                Assert.False(proof.Verifies(Encoding.ASCII.GetBytes("other"), verifier), file);
            }

            var consistency = Directory.GetFiles(Path.Combine(dir, "consistency"), "*.proof");
            Assert.NotEmpty(consistency);
            foreach (var file in consistency)
            {
                var sizes = Path.GetFileNameWithoutExtension(file).Split('-');
                var old = Checkpoint.Parse(SignedNote.Parse(File.ReadAllText(Path.Combine(dir, "checkpoints", sizes[0]))).Text);
                var cur = Checkpoint.Parse(SignedNote.Parse(File.ReadAllText(Path.Combine(dir, "checkpoints", sizes[1]))).Text);
                var hashes = File.ReadAllLines(file).Where(l => l.Length > 0).Select(Convert.FromBase64String).ToList();
                Assert.True(MerkleProof.VerifyConsistency(old.Size, cur.Size, old.RootHash, cur.RootHash, hashes), file);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
