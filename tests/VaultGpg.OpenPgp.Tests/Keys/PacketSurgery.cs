using System.Globalization;
using System.Text.RegularExpressions;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>
/// Cuts packets out of binary OpenPGP data, located by gpg's own <c>--list-packets</c> offsets (so gpg, not our
/// parser, says where each packet is). Used to make keys with parts gpg itself would never write.
/// </summary>
internal static partial class PacketSurgery
{
    public sealed record PacketSpan(int Offset, int Length, int Tag);

    public static IReadOnlyList<PacketSpan> Packets(string listing) =>
        HeaderLine().Matches(listing)
            .Select(m => new PacketSpan(
                int.Parse(m.Groups["off"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["hlen"].Value, CultureInfo.InvariantCulture) + int.Parse(m.Groups["plen"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["tag"].Value, CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>Removes the first signature packet (tag 2) after the <paramref name="occurrence"/>-th packet with <paramref name="tag"/>.</summary>
    public static byte[] RemoveSignatureAfter(byte[] data, string listing, int tag, int occurrence = 1)
    {
        var packets = Packets(listing);
        var seen = 0;
        for (var i = 0; i < packets.Count; i++)
        {
            if (packets[i].Tag == tag && ++seen == occurrence)
            {
                var signature = packets.Skip(i + 1).First(p => p.Tag == 2);
                return [.. data.AsSpan(0, signature.Offset), .. data.AsSpan(signature.Offset + signature.Length)];
            }
        }

        throw new InvalidOperationException($"no packet with tag {tag} (occurrence {occurrence}) in the listing");
    }

    [GeneratedRegex(@"^# off=(?<off>\d+) ctb=[0-9a-f]+ tag=(?<tag>\d+) hlen=(?<hlen>\d+) plen=(?<plen>\d+)", RegexOptions.Multiline)]
    private static partial Regex HeaderLine();
}
