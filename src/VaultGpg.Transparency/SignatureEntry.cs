using System.Security.Cryptography;

namespace VaultGpg.Transparency;

/// <summary>
/// A signature's log entry (API.md, "Log entries"), what anyone holding the file, the signature and the public key
/// can rebuild:
/// <code>
/// &lt;origin&gt;/signature/v1
/// key &lt;primary fingerprint&gt; &lt;signing (sub)key fingerprint&gt;
/// digest sha256:&lt;hex of the data as the user holds it&gt;
/// signature sha256:&lt;hex of the binary signature packet&gt;
/// type binary|text|cleartext
/// created &lt;signature creation time, unix seconds&gt;
/// </code>
/// The engine writes it; <c>vaultgpg verify</c> rebuilds it and compares; the monitor reads it out of entry bundles.
/// </summary>
public sealed record SignatureEntry(
    string Origin, string PrimaryFingerprint, string SigningFingerprint, string DigestAlgorithm, byte[] Digest,
    byte[] SignatureHash, string Type, DateTimeOffset Created) : LogEntry(Origin)
{
    public const string Kind = "signature";
    public const string Binary = "binary";
    public const string Text = "text";
    public const string Cleartext = "cleartext";

    /// <summary>The digest algorithms an entry names (the signature's own SHA-2 hash), with their sizes in bytes.</summary>
    public static readonly IReadOnlyDictionary<string, int> DigestAlgorithms =
        new Dictionary<string, int> { ["sha224"] = 28, ["sha256"] = 32, ["sha384"] = 48, ["sha512"] = 64 };

    /// <summary>The entry of a signature whose binary packet is <paramref name="signaturePacket"/> (never its armor).</summary>
    public static SignatureEntry For(
        string origin, string primaryFingerprint, string signingFingerprint, string digestAlgorithm, ReadOnlySpan<byte> digest,
        ReadOnlySpan<byte> signaturePacket, string type, DateTimeOffset created) =>
        new(origin, primaryFingerprint, signingFingerprint, digestAlgorithm, digest.ToArray(), SHA256.HashData(signaturePacket), type, created);

    public override byte[] ToBytes() => System.Text.Encoding.UTF8.GetBytes(Header(Kind)
        .Append("key ").Append(PrimaryFingerprint.ToLowerInvariant()).Append(' ').Append(SigningFingerprint.ToLowerInvariant()).Append('\n')
        .Append("digest ").Append(DigestAlgorithm).Append(':').Append(Convert.ToHexStringLower(Digest)).Append('\n')
        .Append("signature sha256:").Append(Convert.ToHexStringLower(SignatureHash)).Append('\n')
        .Append("type ").Append(Type).Append('\n')
        .Append("created ").Append(EntryLines.Seconds(Created)).Append('\n')
        .ToString());

    /// <summary>The names of the lines in which <paramref name="other"/> differs from this entry (empty when they render the same).</summary>
    public IReadOnlyList<string> Differences(SignatureEntry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        Add(differences, "origin", Origin == other.Origin);
        Add(differences, "primary key", string.Equals(PrimaryFingerprint, other.PrimaryFingerprint, StringComparison.OrdinalIgnoreCase));
        Add(differences, "signing key", string.Equals(SigningFingerprint, other.SigningFingerprint, StringComparison.OrdinalIgnoreCase));
        Add(differences, "digest", DigestAlgorithm == other.DigestAlgorithm && Digest.AsSpan().SequenceEqual(other.Digest));
        Add(differences, "signature", SignatureHash.AsSpan().SequenceEqual(other.SignatureHash));
        Add(differences, "type", Type == other.Type);
        Add(differences, "created", Created.ToUnixTimeSeconds() == other.Created.ToUnixTimeSeconds());
        return differences;
    }

    /// <summary>Reads a signature entry; a <see cref="FormatException"/> naming the line when it is not exactly in the format.</summary>
    public static new SignatureEntry Parse(ReadOnlySpan<byte> entry)
    {
        var lines = EntryLines.Read(entry, Kind);
        var keys = lines.Take("key").Split(' ');
        if (keys.Length != 2)
        {
            throw new FormatException("log entry \"key\" needs the primary and the signing fingerprint");
        }

        var (digestAlgorithm, digest) = EntryLines.Hash(lines.Take("digest"), "digest", DigestAlgorithms);
        var (_, signature) = EntryLines.Hash(lines.Take("signature"), "signature", EntryLines.Sha256Only);
        var type = lines.Take("type");
        if (type is not (Binary or Text or Cleartext))
        {
            throw new FormatException($"log entry \"type\" is not binary, text or cleartext: \"{type}\"");
        }

        var created = EntryLines.Time(lines.Take("created"), "created");
        lines.End();
        return new SignatureEntry(
            lines.Origin, EntryLines.Fingerprint(keys[0], "key"), EntryLines.Fingerprint(keys[1], "key"), digestAlgorithm, digest, signature, type, created);
    }

    private static void Add(List<string> differences, string name, bool same)
    {
        if (!same)
        {
            differences.Add(name);
        }
    }
}
