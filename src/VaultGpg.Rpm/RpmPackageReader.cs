using System.Buffers.Binary;

namespace VaultGpg.Rpm;

/// <summary>
/// Reads a package's lead, signature header and main header, never the payload, and refuses what rpmsign 4.18 would
/// refuse to sign or rpmkeys would reject: no lead magic, a v3 package, a malformed header, header digests that do not
/// match, a file whose length is not what the signature header's SIZE says (truncated), no payload digest (such a
/// package needs a header+payload signature, which needs the payload).
/// </summary>
public static class RpmPackageReader
{
    private const int FirstRead = 16 * 1024;
    private const int LongSizeTag = 270;
    private const int SizeTag = 1000;
    private const int SignatureTypeHeaderSig = 5;

    private static ReadOnlySpan<byte> LeadMagic => [0xED, 0xAB, 0xEE, 0xDB];

    public static async Task<RpmPackage> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads from the start of <paramref name="stream"/> (which must know its length).</summary>
    public static async Task<RpmPackage> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var fileLength = stream.Length;
        var buffer = new Buffer(stream, fileLength);
        await buffer.EnsureAsync(RpmPackage.LeadLength, "the lead", cancellationToken).ConfigureAwait(false);
        CheckLead(buffer.Span);

        const int signatureStart = RpmPackage.LeadLength;
        await buffer.EnsureAsync(signatureStart + RpmHeader.PreambleLength, "the signature header", cancellationToken).ConfigureAwait(false);
        var signatureLength = RpmHeader.LengthFromPreamble(buffer.Span[signatureStart..], signature: true, "signature header");
        var mainStart = signatureStart + signatureLength + RpmPackage.Padding(signatureLength);
        await buffer.EnsureAsync(mainStart + RpmHeader.PreambleLength, "the signature header", cancellationToken).ConfigureAwait(false);
        var mainLength = RpmHeader.LengthFromPreamble(buffer.Span[mainStart..], signature: false, "main header");
        await buffer.EnsureAsync(mainStart + mainLength, "the main header", cancellationToken).ConfigureAwait(false);

        var prefix = buffer.Memory[..(mainStart + mainLength)];
        var signature = RpmHeader.Parse(prefix.Slice(signatureStart, signatureLength), RpmTags.HeaderSignatures, "signature header");
        var main = RpmHeader.Parse(prefix[mainStart..], RpmTags.HeaderImmutable, "main header");
        if (main.RegionTag == 0)
        {
            throw new RpmPackageException(RpmErrorKind.Version3, "v3 package (no immutable header region): rpm cannot sign v3 packages");
        }

        RpmHeaderDigests.Check(signature, prefix.Span[mainStart..]);
        CheckSize(signature, fileLength - mainStart);
        var format = buffer.Span[4] == 4 || main.Find(RpmTags.RpmFormat) is not null ? RpmFormat.V6 : RpmFormat.V4;
        return new RpmPackage
        {
            Prefix = prefix,
            Format = format,
            SignatureHeader = signature,
            SignatureHeaderLength = signatureLength,
            MainHeaderOffset = mainStart,
            MainHeader = main,
            FileLength = fileLength,
        };
    }

    /// <summary>What rpm checks of the lead (lib/rpmlead.c): magic, major 3 or 4, header-style signature.</summary>
    private static void CheckLead(ReadOnlySpan<byte> lead)
    {
        if (!lead[..4].SequenceEqual(LeadMagic))
        {
            throw new RpmPackageException(RpmErrorKind.NotRpm, "not an RPM package (no lead magic)");
        }

        if (lead[4] is < 3 or > 4)
        {
            throw new RpmPackageException(RpmErrorKind.NotRpm, $"unsupported RPM package version {lead[4]}");
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(lead[78..]) != SignatureTypeHeaderSig)
        {
            throw new RpmPackageException(RpmErrorKind.NotRpm, "unsupported RPM signature type in the lead (not a header signature)");
        }
    }

    /// <summary>SIZE / LONGSIZE is the main header plus the compressed payload: a cheap check for a truncated file.</summary>
    private static void CheckSize(RpmHeader signature, long actual)
    {
        long? expected = signature.Find(LongSizeTag) is { Type: RpmTagType.Int64, Count: 1 } longSize
            ? BinaryPrimitives.ReadInt64BigEndian(longSize.Data.Span)
            : signature.Find(SizeTag) is { Type: RpmTagType.Int32, Count: 1 } size
                ? BinaryPrimitives.ReadUInt32BigEndian(size.Data.Span)
                : null;
        if (expected is { } bytes && bytes != actual)
        {
            throw new RpmPackageException(RpmErrorKind.CorruptHeader, $"corrupt package: header and payload are {actual} bytes, the signature header says {bytes} (truncated?)");
        }
    }

    /// <summary>The bytes read so far, grown on demand; reading past the end of the file is a "truncated" refusal.</summary>
    private sealed class Buffer(Stream stream, long fileLength)
    {
        private byte[] _bytes = [];
        private int _count;

        public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, _count);

        public ReadOnlyMemory<byte> Memory => _bytes.AsMemory(0, _count);

        public async Task EnsureAsync(int needed, string what, CancellationToken cancellationToken)
        {
            if (_count >= needed)
            {
                return;
            }

            if (needed > fileLength)
            {
                throw _count == 0 && fileLength < RpmPackage.LeadLength
                    ? new RpmPackageException(RpmErrorKind.NotRpm, $"not an RPM package ({fileLength} bytes)")
                    : new RpmPackageException(RpmErrorKind.CorruptHeader, $"truncated package: the file ends inside {what}");
            }

            var target = (int)Math.Min(fileLength, Math.Max(needed, Math.Max(FirstRead, _bytes.Length * 2L)));
            Array.Resize(ref _bytes, target);
            while (_count < needed)
            {
                var read = await stream.ReadAsync(_bytes.AsMemory(_count, target - _count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new RpmPackageException(RpmErrorKind.CorruptHeader, $"truncated package: the file ends inside {what}");
                }

                _count += read;
            }
        }
    }
}
