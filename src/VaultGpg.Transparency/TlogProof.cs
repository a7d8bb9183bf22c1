using System.Globalization;
using System.Text;

namespace VaultGpg.Transparency;

/// <summary>
/// A C2SP tlog-proof (<c>c2sp.org/tlog-proof@v1</c>): optional unauthenticated extra data, the leaf index, the
/// inclusion proof (sibling first) and the signed checkpoint it is against, verbatim.
/// </summary>
public sealed record TlogProof(byte[]? Extra, long Index, IReadOnlyList<byte[]> InclusionProof, SignedNote Checkpoint)
{
    public const string Header = "c2sp.org/tlog-proof@v1";

    public override string ToString()
    {
        var text = new StringBuilder(Header).Append('\n');
        if (Extra is not null)
        {
            text.Append("extra ").Append(Convert.ToBase64String(Extra)).Append('\n');
        }

        text.Append("index ").Append(Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in InclusionProof)
        {
            text.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        return text.Append('\n').Append(Checkpoint.ToString()).ToString();
    }

    /// <summary>
    /// Whether the proof shows <paramref name="entry"/> in the log: the checkpoint carries a valid signature of
    /// <paramref name="logKey"/> and names <paramref name="logKey"/>'s name as origin, and the inclusion proof leads from the
    /// entry's leaf hash at <see cref="Index"/> to its root. The extra data is not trusted: the caller rebuilds the entry.
    /// </summary>
    public bool Verifies(ReadOnlySpan<byte> entry, INoteVerifier logKey)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        if (Checkpoint.VerifiedBy([logKey]).Count == 0)
        {
            return false;
        }

        Checkpoint body;
        try
        {
            body = Transparency.Checkpoint.Parse(Checkpoint.Text);
        }
        catch (FormatException)
        {
            return false;
        }

        return body.Origin == logKey.Name && MerkleProof.VerifyInclusion(LogHash.Leaf(entry), Index, body.Size, InclusionProof, body.RootHash);
    }

    /// <summary>Reads a proof; a <see cref="FormatException"/> when malformed.</summary>
    public static TlogProof Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0)
        {
            throw new FormatException("tlog-proof has no empty line before its checkpoint");
        }

        var lines = text[..blank].Split('\n');
        if (lines[0] != Header)
        {
            throw new FormatException($"tlog-proof does not start with {Header}");
        }

        var at = 1;
        byte[]? extra = null;
        if (at < lines.Length && lines[at].StartsWith("extra ", StringComparison.Ordinal))
        {
            extra = Base64Line(lines[at]["extra ".Length..], "extra");
            at++;
        }

        if (at >= lines.Length || !lines[at].StartsWith("index ", StringComparison.Ordinal)
            || !TileId.TryParseDecimalLong(lines[at]["index ".Length..], out var index))
        {
            throw new FormatException("tlog-proof has no valid index line");
        }

        var proof = lines.Skip(at + 1).Select(l => Base64Line(l, "proof hash")).ToList();
        if (proof.Any(h => h.Length != LogHash.Size))
        {
            throw new FormatException("tlog-proof hash is not 32 bytes");
        }

        return new TlogProof(extra, index, proof, SignedNote.Parse(text[(blank + 2)..]));
    }

    private static byte[] Base64Line(string line, string what)
    {
        try
        {
            return line.Length == 0 || line.Contains(' ', StringComparison.Ordinal) ? throw new FormatException() : Convert.FromBase64String(line);
        }
        catch (FormatException)
        {
            throw new FormatException($"tlog-proof {what} is not base64");
        }
    }
}
