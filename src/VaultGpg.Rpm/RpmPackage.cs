namespace VaultGpg.Rpm;

/// <summary>
/// The part of a package file a header signature needs: the 96-byte lead, the signature header, the padding to 8,
/// the main header (what a header signature covers), read and checked; the payload is not read.
/// </summary>
public sealed record RpmPackage
{
    public const int LeadLength = 96;

    /// <summary>Everything from the start of the file to the end of the main header, as read.</summary>
    public required ReadOnlyMemory<byte> Prefix { get; init; }

    public required RpmFormat Format { get; init; }

    public required RpmHeader SignatureHeader { get; init; }

    /// <summary>Bytes of the signature header without its padding.</summary>
    public required int SignatureHeaderLength { get; init; }

    public required int MainHeaderOffset { get; init; }

    public required RpmHeader MainHeader { get; init; }

    /// <summary>The file's length when it was read.</summary>
    public required long FileLength { get; init; }

    /// <summary>The bytes a header signature covers: the main header from its magic to the end of its data.</summary>
    public ReadOnlyMemory<byte> MainHeaderBytes => Prefix[MainHeaderOffset..];

    /// <summary>The signature header's bytes as stored (without padding).</summary>
    public ReadOnlyMemory<byte> SignatureHeaderBytes => Prefix.Slice(LeadLength, SignatureHeaderLength);

    /// <summary>The OpenPGP header signatures present: RSAHEADER, DSAHEADER packets and rpm 6's base64 OPENPGP ones.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> HeaderSignatures =>
    [
        .. SignatureHeader.Entries.Where(e => e.Tag is RpmTags.RsaHeader or RpmTags.DsaHeader).Select(e => e.Data),
        .. (SignatureHeader.Find(RpmTags.OpenPgp)?.StringValues ?? []).Select(DecodeOrEmpty),
    ];

    /// <summary>Padding after a signature header of <paramref name="length"/> bytes (the lead is a multiple of 8).</summary>
    public static int Padding(int length) => (8 - (length % 8)) % 8;

    private static ReadOnlyMemory<byte> DecodeOrEmpty(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return ReadOnlyMemory<byte>.Empty;
        }
    }
}
