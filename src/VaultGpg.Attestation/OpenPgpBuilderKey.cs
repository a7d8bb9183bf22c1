using System.Buffers.Binary;
using System.Security.Cryptography;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Verification;

namespace VaultGpg.Attestation;

/// <summary>
/// A builder that signs with OpenPGP (<c>in-toto-run --gpg</c>). securesystemslib does not keep gpg's signature packet:
/// it stores <c>other_headers</c> (version 4, signature type, public-key and hash algorithms, hashed subpackets) and
/// the algorithm's signature values without their MPI headers (RSA: s; EdDSA: R || S, each padded to 32 bytes), and
/// drops the unhashed subpackets and the hash's left 16 bits. The packet is rebuilt from those (no unhashed
/// subpackets; the left 16 bits recomputed) and judged by <see cref="SignatureVerifier"/>, as gpg would judge it with
/// this key: valid only when made by the key or one of its signing subkeys, and the key valid now.
/// </summary>
internal sealed class OpenPgpBuilderKey : BuilderKey
{
    private const int RsaAlgorithm = 1;
    private const int EdDsaAlgorithm = 22;

    private readonly OpenPgpKey _key;
    private readonly TimeProvider? _timeProvider;

    private OpenPgpBuilderKey(OpenPgpKey key, TimeProvider? timeProvider)
    {
        _key = key;
        _timeProvider = timeProvider;
        KeyId = key.Info.Fingerprint.ToLowerInvariant();
    }

    public override string Type => OpenPgp;

    public override string KeyId { get; }

    public override bool Matches(string keyId) =>
        string.Equals(keyId, KeyId, StringComparison.OrdinalIgnoreCase) ||
        _key.Info.Subkeys.Any(s => string.Equals(keyId, s.Fingerprint, StringComparison.OrdinalIgnoreCase));

    public override bool Verify(ReadOnlySpan<byte> data, AttestationSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var packet = signature.OpenPgpHeaders is { } headers ? Packet(data, headers, signature.Value) : null;
        return packet is not null && SignatureVerifier.VerifyDetached(_key, data, packet, _timeProvider).Valid;
    }

    public static OpenPgpBuilderKey FromPublicKey(string publicKey, TimeProvider? timeProvider)
    {
        try
        {
            var options = new KeyImportOptions(AllowVerifyOnly: true);
            var importer = new KeyImporter(timeProvider);
            var key = publicKey.Contains("-----BEGIN PGP", StringComparison.Ordinal)
                ? importer.Import(publicKey, options)
                : importer.Import(Convert.FromBase64String(publicKey), options);
            return new OpenPgpBuilderKey(key, timeProvider);
        }
        catch (Exception e) when (e is OpenPgpException or FormatException)
        {
            throw new AttestationException($"not an OpenPGP public key (armored, or base64 of the binary key): {(e as OpenPgpException)?.Message ?? "bad base64"}", e);
        }
    }

    /// <summary>The v4 signature packet securesystemslib took apart, or null when it cannot be one.</summary>
    internal static byte[]? Packet(ReadOnlySpan<byte> data, byte[] headers, byte[] values)
    {
        if (headers.Length < 6 || headers[0] != 4 || BinaryPrimitives.ReadUInt16BigEndian(headers.AsSpan(4)) != headers.Length - 6)
        {
            return null;
        }

        byte[] mpis;
        switch (headers[2])
        {
            case RsaAlgorithm when values.Length > 0:
                mpis = Mpi(values);
                break;
            case EdDsaAlgorithm when values.Length == 64:
                mpis = [.. Mpi(values.AsSpan(0, 32)), .. Mpi(values.AsSpan(32))];
                break;
            default:
                return null;
        }

        using var hash = HashFor(headers[3]);
        if (hash is null)
        {
            return null;
        }

        // The hash covers the data, the hashed part of the packet and the v4 trailer 0x04 0xFF with its length.
        Span<byte> trailer = stackalloc byte[6];
        trailer[0] = 4;
        trailer[1] = 0xFF;
        BinaryPrimitives.WriteUInt32BigEndian(trailer[2..], (uint)headers.Length);
        hash.AppendData(data);
        hash.AppendData(headers);
        hash.AppendData(trailer);
        var left16 = hash.GetHashAndReset().AsSpan(0, 2);
        byte[] body = [.. headers, 0, 0, .. left16, .. mpis];
        return [.. PacketHeader(body.Length), .. body];
    }

    private static IncrementalHash? HashFor(byte algorithm) => algorithm switch
    {
        8 => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        9 => IncrementalHash.CreateHash(HashAlgorithmName.SHA384),
        10 => IncrementalHash.CreateHash(HashAlgorithmName.SHA512),
        _ => null,
    };

    /// <summary>An OpenPGP MPI: bit count then the big-endian value without leading zeros.</summary>
    private static byte[] Mpi(ReadOnlySpan<byte> value)
    {
        var trimmed = value.TrimStart((byte)0);
        var bits = trimmed.IsEmpty ? 0 : ((trimmed.Length - 1) * 8) + (8 - byte.LeadingZeroCount(trimmed[0]));
        return [(byte)(bits >> 8), (byte)bits, .. trimmed];
    }

    /// <summary>A new-format header of a signature packet (tag 2).</summary>
    private static byte[] PacketHeader(int length) => length switch
    {
        < 192 => [0xC2, (byte)length],
        < 8384 => [0xC2, (byte)(((length - 192) >> 8) + 192), (byte)(length - 192)],
        _ => [0xC2, 0xFF, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length],
    };
}
