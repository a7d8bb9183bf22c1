using System.Security.Cryptography;

namespace VaultGpg.Rpm;

/// <summary>
/// The header digests of a signature header (SHA256HEADER 273, SHA1HEADER 269: lower-case hex of the main header's
/// bytes) checked against the main header, as rpmkeys does; a package that fails them would fail after signing too.
/// </summary>
internal static class RpmHeaderDigests
{
    public static void Check(RpmHeader signatureHeader, ReadOnlySpan<byte> mainHeader)
    {
        Check(signatureHeader.Find(RpmTags.Sha256Header), "SHA256HEADER", SHA256.HashData(mainHeader));
#pragma warning disable CA5350 // rpm's own SHA1HEADER digest: checked, never used to sign.
        Check(signatureHeader.Find(RpmTags.Sha1Header), "SHA1HEADER", SHA1.HashData(mainHeader));
#pragma warning restore CA5350
    }

    private static void Check(RpmHeaderEntry? entry, string name, byte[] actual)
    {
        if (entry is null)
        {
            return;
        }

        var expected = entry.StringValue
            ?? throw new RpmPackageException(RpmErrorKind.CorruptHeader, $"corrupt header: {name} is not a string");
        if (!string.Equals(expected, Convert.ToHexStringLower(actual), StringComparison.OrdinalIgnoreCase))
        {
            throw new RpmPackageException(RpmErrorKind.DigestMismatch, $"header digest mismatch: {name} does not match the main header (tampered or corrupt package)");
        }
    }
}
