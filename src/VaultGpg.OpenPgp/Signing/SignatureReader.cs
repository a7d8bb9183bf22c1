namespace VaultGpg.OpenPgp.Signing;

/// <summary>
/// Reads binary detached signatures (one or more signature packets) without BouncyCastle, with the packet reader
/// and signature parser that verification uses. For callers that need to describe a signature, such as the client's
/// gpg status lines; verifying is <see cref="Verification.SignatureVerifier"/>'s work.
/// </summary>
public static class SignatureReader
{
    /// <summary>The signatures in <paramref name="signature"/>, in order.</summary>
    /// <exception cref="OpenPgpException">MalformedInput when the data is not OpenPGP packets or a packet does not
    /// add up (a signature without a creation time included), InvalidInput when a packet is not a signature,
    /// Unsupported for signatures other than version 4.</exception>
    public static IReadOnlyList<SignatureInfo> ReadDetached(ReadOnlyMemory<byte> signature) =>
        [.. SignaturePacket.ReadDetached(signature).Select(Describe)];

    private static SignatureInfo Describe(SignaturePacket packet)
    {
        var facts = packet.ReadFacts();
        var created = facts.CreatedAt
            ?? throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "signature has no creation time");
        return new SignatureInfo(
            packet.SignatureType,
            packet.PublicKeyAlgorithm,
            packet.HashAlgorithm,
            created,
            facts.IssuerKeyId is { } id ? id.ToString("X16", System.Globalization.CultureInfo.InvariantCulture) : null,
            facts.IssuerFingerprint is { } fingerprint ? Convert.ToHexString(fingerprint) : null);
    }
}
