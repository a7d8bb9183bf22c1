using System.Text;
using Org.BouncyCastle.Bcpg;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>ASCII armor for key blocks, without a Version header (as gpg 2.2 writes it).</summary>
internal static class KeyArmor
{
    public const string PublicKeyBlock = "PGP PUBLIC KEY BLOCK";
    public const string PrivateKeyBlock = "PGP PRIVATE KEY BLOCK";

    /// <summary>Armors binary key packets; the block type follows from the first packet, as it must.</summary>
    public static string Armor(byte[] binary, string expectedBlock)
    {
        using var output = new MemoryStream();
        using (var armored = new ArmoredOutputStream(output, addVersionHeader: false))
        {
            armored.Write(binary, 0, binary.Length);
        }

        var text = Encoding.ASCII.GetString(output.ToArray());
        if (!text.StartsWith("-----BEGIN " + expectedBlock + "-----", StringComparison.Ordinal))
        {
            // Guards against exporting the wrong ring type under the wrong name; a bug, not bad input.
            throw new InvalidOperationException($"armor produced an unexpected block type; expected {expectedBlock}");
        }

        return text;
    }
}
