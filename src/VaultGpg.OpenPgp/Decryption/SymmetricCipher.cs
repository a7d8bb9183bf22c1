using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace VaultGpg.OpenPgp.Decryption;

/// <summary>
/// The OpenPGP block ciphers in the CFB mode SEIPD packets use (IV of zeros, full-block feedback, RFC 4880 §13.9).
/// AES runs on .NET (OpenSSL); the older ciphers GnuPG may still pick for old keys run on BouncyCastle.
/// </summary>
internal static class SymmetricCipher
{
    public static int KeySize(byte algorithm) => algorithm switch
    {
        1 => 16, // IDEA
        2 => 24, // TripleDES
        3 => 16, // CAST5
        4 => 16, // Blowfish
        7 => 16, // AES-128
        8 => 24, // AES-192
        9 => 32, // AES-256
        10 => 32, // Twofish
        11 => 16, // Camellia-128
        12 => 24, // Camellia-192
        13 => 32, // Camellia-256
        _ => -1,
    };

    public static int BlockSize(byte algorithm) => algorithm is 1 or 2 or 3 or 4 ? 8 : 16;

    public static byte[] DecryptCfb(byte algorithm, byte[] key, ReadOnlySpan<byte> ciphertext)
    {
        var blockSize = BlockSize(algorithm);
        if (algorithm is 7 or 8 or 9)
        {
            // .NET's CFB wants whole blocks; CFB decrypts byte by byte, so zero-padding and cutting back is exact.
            var padded = new byte[(ciphertext.Length + blockSize - 1) / blockSize * blockSize];
            ciphertext.CopyTo(padded);
            using var aes = Aes.Create();
            aes.Key = key;
            var plain = aes.DecryptCfb(padded, new byte[blockSize], PaddingMode.None, 128);
            return plain[..ciphertext.Length];
        }

        var cipher = new BufferedBlockCipher(new CfbBlockCipher(Engine(algorithm), blockSize * 8));
        cipher.Init(false, new ParametersWithIV(new KeyParameter(key), new byte[blockSize]));
        var output = new byte[cipher.GetOutputSize(ciphertext.Length)];
        var written = cipher.ProcessBytes(ciphertext, output);
        written += cipher.DoFinal(output.AsSpan(written));
        return output[..written];
    }

    private static IBlockCipher Engine(byte algorithm) => algorithm switch
    {
        1 => new IdeaEngine(),
        2 => new DesEdeEngine(),
        3 => new Cast5Engine(),
        4 => new BlowfishEngine(),
        10 => new TwofishEngine(),
        11 or 12 or 13 => new CamelliaEngine(),
        _ => throw new OpenPgpException(OpenPgpErrorKind.Unsupported, $"symmetric cipher {algorithm} is not supported"),
    };
}
