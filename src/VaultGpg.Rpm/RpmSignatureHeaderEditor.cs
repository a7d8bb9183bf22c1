namespace VaultGpg.Rpm;

/// <summary>
/// Replaces a package's header signatures as rpmsign 4.18 does (sign/rpmgensig.c, rpmSign): every old signature tag
/// goes (267, 268, 1002, 1005, 1006, and rpm 6's 278), the new ones come in, every other entry stays byte for byte,
/// and the reserved space (1008, or 999 in v6 packages) shrinks or grows by the change so that the header keeps its
/// length. rpmsign only shrinks it; growing it too keeps a re-signed package's layout when the new packet is shorter.
/// When the reserved space cannot absorb the change (too small, or absent) it stays as it was and the header changes
/// length: the package must then be rewritten.
/// </summary>
public static class RpmSignatureHeaderEditor
{
    public static RebuiltSignatureHeader ReplaceSignatures(RpmPackage package, IReadOnlyList<RpmHeaderEntry> signatures)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(signatures);
        var removed = new HashSet<int>(RpmTags.Signatures) { RpmTags.OpenPgp };
        if (signatures.Any(s => !removed.Contains(s.Tag)))
        {
            throw new ArgumentException("only signature tags (267, 268, 278, 1002, 1005, 1006) can be added", nameof(signatures));
        }

        var reservedTag = package.Format == RpmFormat.V6 ? RpmTags.Reserved : RpmTags.ReservedSpace;
        var kept = package.SignatureHeader.Entries.Where(e => !removed.Contains(e.Tag)).Concat(signatures).ToList();
        var target = package.SignatureHeaderLength;
        var reserved = kept.FindIndex(e => e.Tag == reservedTag);
        if (reserved >= 0 && kept[reserved].Type == RpmTagType.Bin)
        {
            // One byte of reserved space first: the length then grows by exactly one per added byte, as long as no
            // aligned entry follows it (1008 is the highest tag); checked below, not assumed.
            kept[reserved] = RpmHeaderEntry.Binary(reservedTag, new byte[1]);
            var size = target - new RpmHeader(RpmTags.HeaderSignatures, kept).ToArray().Length + 1;
            if (size >= 1)
            {
                kept[reserved] = RpmHeaderEntry.Binary(reservedTag, new byte[size]);
                var bytes = new RpmHeader(RpmTags.HeaderSignatures, kept).ToArray();
                if (bytes.Length == target)
                {
                    return new RebuiltSignatureHeader(bytes, SameLength: true);
                }
            }

            kept[reserved] = package.SignatureHeader.Find(reservedTag)!;
        }

        var rebuilt = new RpmHeader(RpmTags.HeaderSignatures, kept).ToArray();
        return new RebuiltSignatureHeader(rebuilt, rebuilt.Length == target);
    }
}
