using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>ASCII armor for key blocks: the library's one armor writer (<see cref="Signing.Armor"/>), plus a check
/// that the block label matches what the packets are.</summary>
internal static class KeyArmor
{
    public const string PublicKeyBlock = "PGP PUBLIC KEY BLOCK";
    public const string PrivateKeyBlock = "PGP PRIVATE KEY BLOCK";

    /// <summary>Armors binary key packets as <paramref name="kind"/>, which must agree with the first packet.</summary>
    public static string Armor(byte[] binary, ArmorKind kind)
    {
        var expectedTag = kind == ArmorKind.PublicKey ? PacketTag.PublicKey : PacketTag.SecretKey;
        if (binary.Length == 0 || FirstPacketTag(binary[0]) != expectedTag)
        {
            // Guards against exporting the wrong ring type under the wrong name; a bug, not bad input.
            throw new InvalidOperationException($"key packets do not start with the packet {kind} armor expects");
        }

        return Signing.Armor.Encode(binary, kind);
    }

    /// <summary>The tag of a packet from its first header byte: new format (bit 6 set) or old format.</summary>
    private static int FirstPacketTag(byte header) => (header & 0x40) != 0 ? header & 0x3F : (header >> 2) & 0x0F;
}
