using System.Text;

namespace VaultGpg.Transparency;

/// <summary>
/// A C2SP signed note: the text (every line ending in a newline), an empty line, then signature lines. Parsing is as
/// strict as Go's <c>note.Open</c>: UTF-8, no control characters but newlines, the signatures after the last empty line.
/// </summary>
public sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    /// <summary>At most this many signature lines are read, as Go does.</summary>
    public const int MaxSignatures = 100;

    /// <summary>A note of <paramref name="text"/> signed by <paramref name="signer"/>.</summary>
    public static SignedNote Sign(string text, Ed25519NoteSigner signer)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signer);
        CheckText(text);
        return new SignedNote(text, [signer.Sign(Encoding.UTF8.GetBytes(text))]);
    }

    /// <summary>The note with <paramref name="signature"/> added, replacing an earlier one by the same key.</summary>
    public SignedNote WithSignature(NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return this with { Signatures = [.. Signatures.Where(s => s.Name != signature.Name || s.KeyId != signature.KeyId), signature] };
    }

    /// <summary>The known verifiers whose signature on this note is valid (unknown keys are ignored, as C2SP asks).</summary>
    public IReadOnlyList<INoteVerifier> VerifiedBy(IEnumerable<INoteVerifier> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var text = Encoding.UTF8.GetBytes(Text);
        return known.Where(v => Signatures.Any(s => s.Name == v.Name && s.KeyId == v.KeyId && v.Verify(text, s.Signature))).ToList();
    }

    public override string ToString()
    {
        var note = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            note.Append(signature.Line).Append('\n');
        }

        return note.ToString();
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    /// <summary>Reads a note; a <see cref="FormatException"/> when it is malformed.</summary>
    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            throw new FormatException("a signed note needs its text, an empty line and signature lines ending in a newline");
        }

        var text = note[..(split + 1)];
        CheckText(text);
        var lines = note[(split + 2)..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            throw new FormatException($"more than {MaxSignatures} signatures");
        }

        return new SignedNote(text, lines.Select(NoteSignature.ParseLine).ToList());
    }

    public static SignedNote Parse(ReadOnlySpan<byte> note)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(note);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("a signed note must be UTF-8");
        }

        return Parse(text);
    }

    private static void CheckText(string text)
    {
        if (text.Length == 0 || !text.EndsWith('\n') || text.Any(c => c < 0x20 && c != '\n'))
        {
            throw new FormatException("note text must be non-empty lines ending in a newline, without control characters");
        }
    }
}
