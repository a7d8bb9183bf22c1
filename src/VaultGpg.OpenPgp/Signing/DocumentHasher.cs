using VaultGpg.OpenPgp.Hashing;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>Feeds a document into a hash as a binary (0x00) or canonical text (0x01) signature covers it; shared by
/// signing and verification so both canonicalise identically.</summary>
internal static class DocumentHasher
{
    private const int StreamBufferSize = 1 << 20;

    public static void Append(ISha2Core hash, bool textMode, ReadOnlySpan<byte> data)
    {
        if (textMode)
        {
            new TextCanonicalizer(hash).Append(data);
        }
        else
        {
            hash.Append(data);
        }
    }

    public static async Task AppendAsync(ISha2Core hash, bool textMode, Stream data, CancellationToken cancellationToken)
    {
        var text = textMode ? new TextCanonicalizer(hash) : null;
        var buffer = new byte[StreamBufferSize];
        int read;
        while ((read = await data.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text is null)
            {
                hash.Append(buffer.AsSpan(0, read));
            }
            else
            {
                text.Append(buffer.AsSpan(0, read));
            }
        }
    }
}
