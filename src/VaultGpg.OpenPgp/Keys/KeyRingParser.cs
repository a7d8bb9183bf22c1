using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Turns untrusted bytes (ASCII-armored or binary) into exactly one v4 key ring, or a typed refusal. Every failure
/// of the underlying parser becomes <see cref="OpenPgpErrorKind.MalformedInput"/>; nothing of the input is echoed.
/// </summary>
internal static class KeyRingParser
{
    private static readonly byte[] ArmorBegin = "-----BEGIN PGP "u8.ToArray();

    /// <summary>Returns a <see cref="PgpSecretKeyRing"/> or a <see cref="PgpPublicKeyRing"/>.</summary>
    /// <param name="data">Armored or binary key data.</param>
    /// <param name="maxBytes">Refuse more input than this.</param>
    /// <param name="untrusted">Data from outside (an import, a signer key): each ring must keep within
    /// <see cref="KeyDataLimits"/>, checked as it is parsed. Off for our own stored and edited keys.</param>
    public static PgpKeyRing ParseSingle(ReadOnlySpan<byte> data, int maxBytes, bool untrusted)
    {
        var binary = Decode(data, maxBytes);
        var rings = ParseRings(binary, untrusted);
        return SelectSingle(rings);
    }

    private static byte[] Decode(ReadOnlySpan<byte> data, int maxBytes)
    {
        if (data.Length > maxBytes)
        {
            throw new OpenPgpException(
                OpenPgpErrorKind.InvalidInput,
                $"key data is too large: {data.Length} bytes, at most {maxBytes} are accepted");
        }

        var start = SkipWhitespace(data);
        var content = data[start..];
        if (content.IsEmpty)
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "key data is empty");
        }

        if (content.StartsWith(ArmorBegin))
        {
            return Dearmor(content);
        }

        if ((content[0] & 0x80) == 0)
        {
            throw new OpenPgpException(
                OpenPgpErrorKind.MalformedInput,
                "key data is neither ASCII armor nor binary OpenPGP packets");
        }

        return content.ToArray();
    }

    private static byte[] Dearmor(ReadOnlySpan<byte> text)
    {
        if (text[ArmorBegin.Length..].IndexOf(ArmorBegin) >= 0)
        {
            throw new OpenPgpException(
                OpenPgpErrorKind.InvalidInput,
                "key data holds several armored blocks; import one key at a time");
        }

        var headerEnd = text.IndexOf((byte)'\n');
        var header = Encoding.ASCII.GetString(headerEnd < 0 ? text : text[..headerEnd]).TrimEnd('\r', ' ', '\t');
        if (header is not ("-----BEGIN " + KeyArmor.PublicKeyBlock + "-----") and not ("-----BEGIN " + KeyArmor.PrivateKeyBlock + "-----"))
        {
            throw new OpenPgpException(
                OpenPgpErrorKind.InvalidInput,
                "armored data is not a key block (expected PGP PRIVATE KEY BLOCK or PGP PUBLIC KEY BLOCK)");
        }

        try
        {
            using var input = new ArmoredInputStream(new MemoryStream(text.ToArray(), writable: false));
            using var output = new MemoryStream();
            input.CopyTo(output);
            if (output.Length == 0)
            {
                throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "armored key block is empty");
            }

            return output.ToArray();
        }
        catch (IOException ex) when (ex.Message.Contains("crc", StringComparison.OrdinalIgnoreCase))
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "armor checksum mismatch: the key block is damaged", ex);
        }
        catch (Exception ex) when (ParserFailure.IsParserFailure(ex))
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "malformed ASCII armor", ex);
        }
    }

    private static List<PgpKeyRing> ParseRings(byte[] binary, bool untrusted)
    {
        var rings = new List<PgpKeyRing>();
        try
        {
            var factory = new PgpObjectFactory(binary);
            while (factory.NextPgpObject() is { } item)
            {
                switch (item)
                {
                    case PgpKeyRing when untrusted && rings.Count == KeyDataLimits.MaxKeyBlocks:
                        throw new OpenPgpException(
                            OpenPgpErrorKind.InvalidInput,
                            $"key data holds more than {KeyDataLimits.MaxKeyBlocks} key blocks; import one key at a time");
                    case PgpKeyRing ring:
                        if (untrusted)
                        {
                            KeyDataLimits.RequireWithinLimits(ring);
                        }

                        RequireReadableSignatures(ring);
                        rings.Add(ring);
                        break;
                    case PgpMarker:
                        break;
                    default:
                        throw new OpenPgpException(
                            OpenPgpErrorKind.InvalidInput,
                            $"expected a key, found {Describe(item)}");
                }
            }
        }
        catch (Exception ex) when (ParserFailure.IsParserFailure(ex))
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "malformed OpenPGP key data", ex);
        }

        if (rings.Count == 0)
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "no key found in the data");
        }

        return rings;
    }

    /// <summary>
    /// BouncyCastle decodes subpacket values only when they are asked for, and then throws for malformed ones (a
    /// boolean subpacket of four bytes, an exportable flag of 22): found by fuzzing as crashes of the import after
    /// parsing. Ask for what loading and exporting a key reads now, inside the parser's catch, so that such a key is
    /// refused here as malformed input.
    /// </summary>
    private static void RequireReadableSignatures(PgpKeyRing ring)
    {
        foreach (var key in PublicKeysOf(ring))
        {
            key.Encode(Stream.Null, forTransfer: true);
            foreach (var signature in key.GetSignatures())
            {
                foreach (var subpackets in new[] { signature.GetHashedSubPackets(), signature.GetUnhashedSubPackets() })
                {
                    _ = subpackets.GetSignatureExpirationTime();
                    _ = subpackets.GetKeyExpirationTime();
                    _ = subpackets.GetKeyFlags();
                    _ = subpackets.IsPrimaryUserId();
                    _ = subpackets.IsExportable();
                    _ = subpackets.GetEmbeddedSignatures();
                }
            }
        }
    }

    private static PgpKeyRing SelectSingle(List<PgpKeyRing> rings)
    {
        var distinct = rings
            .GroupBy(r => Convert.ToHexString(PrimaryOf(r).GetFingerprint()), StringComparer.Ordinal)
            .ToList();
        if (distinct.Count > 1)
        {
            throw new OpenPgpException(
                OpenPgpErrorKind.InvalidInput,
                $"key data holds {distinct.Count} keys; import one key at a time");
        }

        // The same key as public and secret block (e.g. both exports concatenated): the secret one carries everything.
        var ring = rings.OfType<PgpSecretKeyRing>().FirstOrDefault() ?? rings[0];
        var primary = PrimaryOf(ring);
        if (primary.Version != 4)
        {
            throw new OpenPgpException(
                OpenPgpErrorKind.Unsupported,
                $"only version 4 keys are supported; this is a version {primary.Version} key");
        }

        return ring;
    }

    public static PgpPublicKey PrimaryOf(PgpKeyRing ring) => ring switch
    {
        PgpSecretKeyRing secret => secret.GetPublicKey(),
        PgpPublicKeyRing pub => pub.GetPublicKey(),
        _ => throw new ArgumentException("unknown key ring type", nameof(ring)),
    };

    public static IEnumerable<PgpPublicKey> PublicKeysOf(PgpKeyRing ring) => ring switch
    {
        PgpSecretKeyRing secret => secret.GetPublicKeys(),
        PgpPublicKeyRing pub => pub.GetPublicKeys(),
        _ => throw new ArgumentException("unknown key ring type", nameof(ring)),
    };

    private static string Describe(object item) => item switch
    {
        PgpSignatureList => "a signature",
        PgpOnePassSignatureList or PgpLiteralData or PgpCompressedData => "a message",
        PgpEncryptedDataList => "an encrypted message",
        _ => "another kind of OpenPGP data",
    };

    private static int SkipWhitespace(ReadOnlySpan<byte> data)
    {
        var i = 0;
        if (data.StartsWith("\uFEFF"u8))
        {
            i = 3;
        }

        while (i < data.Length && data[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }
}
