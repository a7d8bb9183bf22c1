using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Org.BouncyCastle.Utilities.Bzip2;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Verification;

namespace VaultGpg.OpenPgp.Decryption;

/// <summary>
/// What an (already decrypted and integrity-checked) message contains: one literal data packet, possibly compressed,
/// possibly with one-pass signatures and signatures around it. Decompression is bounded by a size limit and nesting
/// depth, so compression bombs and quines end in an error.
/// </summary>
internal sealed class MessageContent
{
    private const int MaxNesting = 8;

    public byte[]? Literal { get; private set; }

    public string? FileName { get; private set; }

    public List<SignaturePacket> Signatures { get; } = [];

    public static MessageContent Parse(byte[] packets, long maxPlaintextBytes)
    {
        var content = new MessageContent();
        content.Read(packets, maxPlaintextBytes, 0);
        return content.Literal is not null
            ? content
            : throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the message contains no literal data");
    }

    private void Read(byte[] data, long maxPlaintextBytes, int depth)
    {
        foreach (var packet in PacketReader.ReadAll(data))
        {
            switch (packet.Tag)
            {
                case PacketTag.CompressedData when depth < MaxNesting:
                    Read(Decompress(packet.Body, maxPlaintextBytes), maxPlaintextBytes, depth + 1);
                    break;
                case PacketTag.CompressedData:
                    throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "compressed data nested too deeply");
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

    private static byte[] Decompress(ReadOnlyMemory<byte> body, long maxBytes)
    {
        if (body.IsEmpty)
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "empty compressed data packet");
        }

        var compressed = new MemoryStream(body[1..].ToArray(), writable: false);
        using Stream stream = body.Span[0] switch
        {
            0 => compressed,
            1 => new DeflateStream(compressed, CompressionMode.Decompress),
            2 => new ZLibStream(compressed, CompressionMode.Decompress),
            3 => new CBZip2InputStream(compressed),
            var other => throw new OpenPgpException(OpenPgpErrorKind.Unsupported, $"compression algorithm {other} is not supported"),
        };
        var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the decompressed message exceeds the plaintext size limit");
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "corrupt compressed data", ex);
        }

        return output.ToArray();
    }
}
