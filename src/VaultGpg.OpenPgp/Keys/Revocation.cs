using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Bcpg.Sig;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>A key or subkey revocation that verified cryptographically, with its time and stated reason.</summary>
/// <param name="Signature">The revocation signature (0x20 or 0x28).</param>
/// <param name="At">Its creation time: when the key was declared revoked.</param>
/// <param name="Reason">The reason-for-revocation code (RFC 4880 §5.2.3.23: 0 none, 1 superseded, 2 compromised,
/// 3 retired, 32 user ID no longer valid), null when the signature states none.</param>
/// <param name="Text">The reason's human text, null when absent or empty.</param>
internal sealed record Revocation(PgpSignature Signature, DateTimeOffset At, byte? Reason, string? Text)
{
    public static Revocation Of(PgpSignature signature)
    {
        var reason = signature.GetHashedSubPackets()?.GetSubpacket(SignatureSubpacketTag.RevocationReason) as RevocationReason;
        var text = reason?.GetRevocationDescription();
        return new Revocation(
            signature,
            SelfSignature.CreationTimeOf(signature),
            reason is null ? null : (byte)reason.GetRevocationReason(),
            string.IsNullOrEmpty(text) ? null : text);
    }
}
