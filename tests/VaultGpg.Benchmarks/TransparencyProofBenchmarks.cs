using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using VaultGpg.Transparency;

namespace VaultGpg.Benchmarks;

/// <summary>
/// Issue 9 "Speed": what a verifier receives and spends at 1,000,000 entries. The tree is built in process
/// (<see cref="InMemoryTree"/>, entries shaped like the engine's signature entries); the setup prints the proof sizes,
/// the benchmarks time the verifications a client runs: the inclusion proof alone, a whole tlog-proof (checkpoint
/// signature, then inclusion), and a consistency proof (what a monitor checks between two checkpoints).
/// </summary>
public class TransparencyProofBenchmarks
{
    private const long Size = 1_000_000;
    private const long Index = 765_432;
    private const long OldSize = 999_000;
    private const string Origin = "vault.example.com/v1/gpg/log";

    private byte[] _entry = [];
    private byte[] _leaf = [];
    private byte[] _root = [];
    private byte[] _oldRoot = [];
    private IReadOnlyList<byte[]> _inclusion = [];
    private IReadOnlyList<byte[]> _consistency = [];
    private TlogProof _proof = null!;
    private INoteVerifier _logKey = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var tree = new InMemoryTree();
        for (long i = 0; i < Size; i++)
        {
            tree.AppendEntry(Entry(i));
        }

        _entry = Entry(Index);
        _leaf = LogHash.Leaf(_entry);
        _root = tree.Root(Size);
        _oldRoot = tree.Root(OldSize);
        _inclusion = await MerkleProof.ProveInclusionAsync(Index, Size, tree, CancellationToken.None);
        _consistency = await MerkleProof.ProveConsistencyAsync(OldSize, Size, tree, CancellationToken.None);
        var signer = Ed25519NoteSigner.Generate(Origin);
        _logKey = signer.Verifier;
        _proof = new TlogProof(_entry, Index, _inclusion, SignedNote.Sign(new Checkpoint(Origin, Size, _root).Body, signer));
        if (!VerifyInclusion() || !VerifyTlogProof() || !VerifyConsistency())
        {
            throw new InvalidOperationException("a proof made from the tree does not verify");
        }

        var text = _proof.ToString();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// proof sizes at {Size} entries: inclusion of {Index}: {_inclusion.Count} hashes, {_inclusion.Count * LogHash.Size} bytes; " +
            $"tlog-proof text {Encoding.UTF8.GetByteCount(text)} bytes (entry {_entry.Length}); " +
            $"consistency {OldSize}->{Size}: {_consistency.Count} hashes, {_consistency.Count * LogHash.Size} bytes"));
    }

    /// <summary>The RFC 6962 inclusion proof against a root already trusted.</summary>
    [Benchmark]
    public bool VerifyInclusion() => MerkleProof.VerifyInclusion(_leaf, Index, Size, _inclusion, _root);

    /// <summary>What <c>vaultgpg verify --log-key</c> does with a .tlog-proof: Ed25519 checkpoint signature, then inclusion.</summary>
    [Benchmark]
    public bool VerifyTlogProof() => _proof.Verifies(_entry, _logKey);

    /// <summary>A monitor's step from one checkpoint to the next.</summary>
    [Benchmark]
    public bool VerifyConsistency() => MerkleProof.VerifyConsistency(OldSize, Size, _oldRoot, _root, _consistency);

    private static byte[] Entry(long i)
    {
        Span<byte> seed = stackalloc byte[8];
        BitConverter.TryWriteBytes(seed, i);
        var digest = Convert.ToHexStringLower(SHA256.HashData(seed));
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{Origin}/signature/v1\nkey 0123456789abcdef0123456789abcdef01234567 89abcdef0123456789abcdef0123456789abcdef\n" +
            $"digest sha256:{digest}\nsignature sha256:{digest}\ntype binary\ncreated {1_764_460_800 + i}\n"));
    }
}
