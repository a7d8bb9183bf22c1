using System.Globalization;

namespace VaultGpg.OpenPgp.Decryption;

/// <summary>A message's symmetric key and its OpenPGP cipher id (RFC 4880 §9.2).</summary>
internal sealed record SessionKey(byte Algorithm, byte[] Key)
{
    /// <summary>GnuPG's <c>--show-session-key</c> form: the cipher id in decimal, a colon, the key in upper-case hex.</summary>
    public string ToGnuPgString() => Algorithm.ToString(CultureInfo.InvariantCulture) + ":" + Convert.ToHexString(Key);

    /// <summary>Parses the decrypted session-key block <c>algorithm || key || checksum</c> (checksum = sum of the key
    /// bytes mod 65536); null when it does not add up, which means the wrong key or a corrupt packet.</summary>
    public static SessionKey? FromBlock(ReadOnlySpan<byte> block)
    {
        if (block.Length < 4)
        {
            return null;
        }

        var algorithm = block[0];
        var key = block[1..^2];
        if (SymmetricCipher.KeySize(algorithm) != key.Length)
        {
            return null;
        }

        var sum = 0;
        foreach (var b in key)
        {
            sum += b;
        }

        return ((block[^2] << 8) | block[^1]) == (sum & 0xFFFF) ? new SessionKey(algorithm, key.ToArray()) : null;
    }
}
