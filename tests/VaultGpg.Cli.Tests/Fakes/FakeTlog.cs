using System.Security.Cryptography;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Tests.Fakes;

/// <summary>
/// A transparency log built in memory and served as the mount <c>gpg</c> serves it (<see cref="Http"/>): the signed
/// checkpoint, every hash tile and entry bundle at its width for the published size (a partial tile that has since
/// filled up is gone, as on the engine).
/// </summary>
internal sealed class FakeTlog(Ed25519NoteSigner signer)
{
    public const string Origin = "vault.test/v1/gpg/log";
    public const string Prefix = "gpg/log/";

    private readonly List<byte[]> _entries = [];

    public FakeTlog()
        : this(Ed25519NoteSigner.Generate(Origin))
    {
    }

    public Ed25519NoteSigner Signer { get; } = signer;

    public InMemoryTree Tree { get; } = new();

    public StaticLog Http { get; } = new();

    public string VerifierKey => Signer.Verifier.VerifierKey;

    public long Size => Tree.Size;

    /// <summary>Appends and publishes: a new checkpoint, tiles and bundles.</summary>
    public FakeTlog Append(params byte[][] entries)
    {
        foreach (var entry in entries)
        {
            _entries.Add(entry);
            Tree.AppendEntry(entry);
        }

        Http.Files.Clear();
        Http.Files[Prefix + "checkpoint"] = CheckpointNote().ToBytes();
        foreach (var tile in TileLayout.TilesAt(Size))
        {
            Http.Files[Prefix + tile.Path] = tile.IsEntryBundle
                ? EntryBundle.Encode(_entries.Skip((int)(tile.Index * TileLayout.Width)).Take(tile.Width).Select(e => (ReadOnlyMemory<byte>)e))
                : Tree.Tile(tile);
        }

        return this;
    }

    private static readonly DateTimeOffset GateTime = DateTimeOffset.FromUnixTimeSeconds(1_800_000_050);

    public SignedNote CheckpointNote() => SignedNote.Sign(new Checkpoint(Origin, Size, Tree.Root(Size)).Body, Signer);

    public static byte[] Created(string name, string fingerprint) =>
        KeyEventEntry.For(Origin, KeyEventEntry.Create, name, fingerprint, [1, 2, 3], null, null, DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)).ToBytes();

    public static byte[] Signed(string fingerprint, string data, byte signatureByte = 7) =>
        SignatureEntry.For(
            Origin, fingerprint, fingerprint, "sha256", SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(data)), [signatureByte, 1, 2],
            SignatureEntry.Binary, DateTimeOffset.FromUnixTimeSeconds(1_800_000_100)).ToBytes();

    /// <summary>A gate policy set on <paramref name="name"/>: its policy entry and one policy-builder entry.</summary>
    public static byte[][] PolicySet(string name, string fingerprint) =>
    [
        GateEntry.ForPolicy(Origin, name, fingerprint, 1, 1, Sha256Hex("policy"), GateTime).ToBytes(),
        GateEntry.ForPolicyBuilder(Origin, name, Sha256Hex("policy"), "ci", "ed25519", Sha256Hex("builder"), GateTime).ToBytes(),
    ];

    public static byte[] Attested(string name, string data) =>
        GateEntry.ForAttestation(Origin, name, Sha256Hex("attestation"), "ci", Sha256Hex("builder"), "sha256:" + Sha256Hex(data), GateTime).ToBytes();

    /// <summary>The gate entry of the signature of <paramref name="data"/> whose entry is at <paramref name="signatureEntry"/>.</summary>
    public static byte[] Gated(long signatureEntry, string data) =>
        GateEntry.ForSignature(Origin, signatureEntry, "sha256:" + Sha256Hex(data), 1, [Sha256Hex("attestation")], GateTime).ToBytes();

    public static string Sha256Hex(string data) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(data)));
}
