using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using Org.BouncyCastle.Utilities.Bzip2;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Verification;

namespace VaultGpg.OpenPgp.Decryption;

/// <summary>
/// What an (already decrypted and integrity-checked) message contains: one literal data packet, possibly compressed,
/// possibly with one-pass signatures and signatures around it. Decompression has one byte budget for the whole
/// message, checked while inflating, and the caller's cancellation is checked between chunks.
/// </summary>
/// <remarks>
/// At most one compressed data packet per message, never nested and never beside another one, and no marker or
/// padding packets inside it. gpg 2.2 accepts up to 31 nested levels and sibling compressed packets (mainproc.c's
/// MAX_NESTING_DEPTH of 32 counts every processing context; tried with gpg 2.2.40), but it writes one compression
/// layer, and the other shapes only serve to multiply the work a small message causes.
/// </remarks>
internal sealed class MessageContent
{
    private const int ChunkBytes = 1 << 20;

    private readonly long _maxPlaintextBytes;
    private readonly CancellationToken _cancellationToken;
    private bool _sawCompressed;

    private MessageContent(long maxPlaintextBytes, CancellationToken cancellationToken)
    {
        _maxPlaintextBytes = maxPlaintextBytes;
        _cancellationToken = cancellationToken;
    }

    public byte[]? Literal { get; private set; }

    public string? FileName { get; private set; }

    public List<SignaturePacket> Signatures { get; } = [];

    /// <param name="packets">The decrypted packets.</param>
    /// <param name="maxPlaintextBytes">The byte budget of the whole message after decompression.</param>
    /// <param name="cancellationToken">Checked between decompressed chunks.</param>
    public static MessageContent Parse(byte[] packets, long maxPlaintextBytes, CancellationToken cancellationToken)
    {
        var content = new MessageContent(maxPlaintextBytes, cancellationToken);
        content.Read(packets, insideCompressed: false);
        return content.Literal is not null
            ? content
            : throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the message contains no literal data");
    }

    private void Read(ReadOnlyMemory<byte> data, bool insideCompressed)
    {
        foreach (var packet in PacketReader.ReadAll(data))
        {
            switch (packet.Tag)
            {
                case PacketTag.CompressedData when insideCompressed:
                    throw new OpenPgpException(OpenPgpErrorKind.LimitExceeded, "compressed data nested inside compressed data is not accepted");
                case PacketTag.CompressedData when _sawCompressed:
                    throw new OpenPgpException(OpenPgpErrorKind.LimitExceeded, "the message contains more than one compressed data packet");
                case PacketTag.CompressedData:
                    _sawCompressed = true;
                    Read(Decompress(packet.Body), insideCompressed: true);
                    break;
                case PacketTag.Marker or PacketTag.Padding when insideCompressed:
                    throw new OpenPgpException(OpenPgpErrorKind.LimitExceeded, "marker or padding packet inside compressed data");
                case PacketTag.LiteralData:
                    ReadLiteral(packet.Body.Span);
                    break;
                case PacketTag.Signature:
                    Signatures.Add(SignaturePacket.Parse(packet.Body.Span));
                    break;
                case PacketTag.OnePassSignature or PacketTag.Marker or PacketTag.Padding:
                    break;
                default:
                    throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"unexpected packet (tag {packet.Tag}) inside the encrypted message");
            }
        }
    }

    private void ReadLiteral(ReadOnlySpan<byte> body)
    {
        if (Literal is not null)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the message contains more than one literal data packet");
        }

        if (body.Length < 2 || body.Length < 2 + body[1] + 4)
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "truncated literal data packet");
        }

        var nameLength = body[1];
        var name = Encoding.UTF8.GetString(body.Slice(2, nameLength));
        FileName = name.Length > 0 ? name : null;
        Literal = body[(2 + nameLength + 4)..].ToArray();
        _ = BinaryPrimitives.ReadUInt32BigEndian(body[(2 + nameLength)..]);
    }

    /// <summary>Inflates one compressed data packet, refusing as soon as the output passes the message's budget. The
    /// output is collected in chunks and joined once at the end, so a refused bomb has cost at most one budget of
    /// memory.</summary>
    private byte[] Decompress(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "empty compressed data packet");
        }

        var compressed = MemoryMarshal.TryGetArray(body[1..], out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(body[1..].ToArray(), writable: false);
        using Stream stream = body.Span[0] switch
        {
            0 => compressed,
            1 => new DeflateStream(compressed, CompressionMode.Decompress),
            2 => new ZLibStream(compressed, CompressionMode.Decompress),
            3 => new CBZip2InputStream(compressed),
            var other => throw new OpenPgpException(OpenPgpErrorKind.Unsupported, $"compression algorithm {other} is not supported"),
        };
        var chunks = new List<byte[]>();
        long total = 0;
        try
        {
            while (true)
            {
                var chunk = new byte[ChunkBytes];
                var filled = 0;
                int read;
                while (filled < chunk.Length && (read = stream.Read(chunk, filled, chunk.Length - filled)) > 0)
                {
                    filled += read;
                }

                _cancellationToken.ThrowIfCancellationRequested();
                total += filled;
                if (total > _maxPlaintextBytes)
                {
                    throw new OpenPgpException(
                        OpenPgpErrorKind.LimitExceeded,
                        $"the message decompresses to more than its limit of {_maxPlaintextBytes} bytes");
                }

                if (filled < chunk.Length)
                {
                    chunks.Add(chunk[..filled]);
                    break;
                }

                chunks.Add(chunk);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "corrupt compressed data", ex);
        }

        var output = new byte[total];
        var at = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(output, at);
            at += chunk.Length;
        }

        return output;
    }
}
