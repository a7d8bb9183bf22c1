using System.Globalization;
using System.Text;

namespace VaultGpg.Transparency;

/// <summary>A C2SP tlog-checkpoint body: origin, tree size and root hash, then optional extension lines.</summary>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash, IReadOnlyList<string> Extensions)
{
    public Checkpoint(string origin, long size, byte[] rootHash)
        : this(origin, size, rootHash, [])
    {
    }

    /// <summary>The note text: one line each, every line ending in a newline.</summary>
    public string Body
    {
        get
        {
            var body = new StringBuilder()
                .Append(Origin).Append('\n')
                .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append(Convert.ToBase64String(RootHash)).Append('\n');
            foreach (var extension in Extensions)
            {
                body.Append(extension).Append('\n');
            }

            return body.ToString();
        }
    }

    /// <summary>Reads a body; a <see cref="FormatException"/> when a line is missing or malformed.</summary>
    public static Checkpoint Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.EndsWith('\n'))
        {
            throw new FormatException("checkpoint body must end in a newline");
        }

        var lines = body[..^1].Split('\n');
        if (lines.Length < 3 || lines[0].Length == 0)
        {
            throw new FormatException("checkpoint needs origin, size and root hash lines");
        }

        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || (lines[1].Length > 1 && lines[1][0] == '0'))
        {
            throw new FormatException("checkpoint size is not a decimal without leading zeros");
        }

        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            throw new FormatException("checkpoint root hash is not base64");
        }

        if (root.Length != LogHash.Size || Convert.ToBase64String(root) != lines[2])
        {
            throw new FormatException("checkpoint root hash is not 32 bytes of standard base64");
        }

        if (lines.Skip(3).Any(l => l.Length == 0))
        {
            throw new FormatException("checkpoint has an empty extension line");
        }

        return new Checkpoint(lines[0], size, root, lines[3..]);
    }
}
