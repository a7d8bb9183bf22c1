using System.Text.Json.Nodes;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.Engine.Paths;

/// <summary>
/// A key's Web Key Directory entry for one mail domain (draft-koch-openpgp-webkey-service §3.1): the minimal binary key
/// with only the user IDs whose address is at the domain, and per address the file paths of both methods, relative to
/// the directory a web server serves: advanced <c>openpgpkey.D/.well-known/openpgpkey/D/hu/HASH</c> and direct
/// <c>.well-known/openpgpkey/hu/HASH</c>.
/// </summary>
internal sealed record WkdEntry(byte[] Binary, JsonArray Files)
{
    public string Armored => Armor.Encode(Binary, ArmorKind.PublicKey);

    public static bool IsDomain(string domain) =>
        domain.Length <= 253 && domain.Contains('.', StringComparison.Ordinal)
        && domain.Split('.').All(label => label.Length is > 0 and <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && label[0] != '-' && label[^1] != '-');

    /// <param name="key">The key.</param>
    /// <param name="domain">The domain, lower case.</param>
    /// <param name="now">The instant expired subkeys are judged at.</param>
    public static Parsed<WkdEntry> Of(OpenPgpKey key, string domain, DateTimeOffset now)
    {
        var addresses = key.DescribeAt(now).UserIds
            .Select(u => (UserId: u, Address: WkdHash.AddressOf(u)))
            .Where(u => u.Address is not null && AtDomain(u.Address, domain))
            .ToList();
        if (addresses.Count == 0)
        {
            return Parsed<WkdEntry>.Invalid($"the key has no valid user ID with an address at {domain}");
        }

        byte[] binary;
        try
        {
            binary = MinimalKeyExport.Export(key, now, u => WkdHash.AddressOf(u) is { } address && AtDomain(address, domain));
        }
        catch (OpenPgpException e)
        {
            return Parsed<WkdEntry>.Invalid(e.Message);
        }

        var files = new JsonArray();
        foreach (var local in addresses.Select(a => (a.UserId, Address: a.Address!, Local: a.Address![..a.Address!.LastIndexOf('@')])).DistinctBy(a => a.Local.ToLowerInvariant()))
        {
            var hash = WkdHash.OfLocalPart(local.Local);
            files.Add((JsonNode)new JsonObject
            {
                ["user_id"] = local.UserId,
                ["address"] = local.Address,
                ["hash"] = hash,
                ["advanced_path"] = $"openpgpkey.{domain}/.well-known/openpgpkey/{domain}/hu/{hash}",
                ["direct_path"] = $".well-known/openpgpkey/hu/{hash}",
            });
        }

        return new WkdEntry(binary, files);
    }

    private static bool AtDomain(string address, string domain) =>
        address[(address.LastIndexOf('@') + 1)..].Equals(domain, StringComparison.OrdinalIgnoreCase);
}
