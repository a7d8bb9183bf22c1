using System.Text;
using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// The smallest public key that still says everything about the key, as <c>gpg --export-options export-minimal</c>
/// writes it (GnuPG key-clean.c with self_only and KEY_CLEAN_ALL): the primary key with its revocations and newest
/// direct-key signature; per user ID only the newest self-signature (certification or revocation), no third-party
/// certifications; per subkey the newest binding in force and every revocation; expired subkeys that are not
/// revoked are left out, as are user IDs without a self-signature and user attributes (photo IDs).
/// </summary>
public static class MinimalKeyExport
{
    private const int PublicKeyTag = 6;
    private const int UserIdTag = 13;
    private const int PublicSubkeyTag = 14;

    /// <summary>The minimal transferable public key of <paramref name="key"/> at <paramref name="now"/>, binary.</summary>
    /// <param name="key">The key.</param>
    /// <param name="now">The instant expiry is judged at.</param>
    /// <param name="keepUserId">Which user IDs to keep (by their UTF-8 text); null keeps all. A key with no user ID
    /// left is refused: gpg would not import it.</param>
    /// <exception cref="OpenPgpException"><see cref="OpenPgpErrorKind.InvalidInput"/> when no user ID is kept.</exception>
    public static byte[] Export(OpenPgpKey key, DateTimeOffset now, Func<string, bool>? keepUserId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var verified = key.SelfSignatures;
        var evaluation = key.EvaluateAt(now);
        using var output = new MemoryStream();
        var primary = verified.Primary;
        output.Write(PacketWriter.Packet(PublicKeyTag, primary.PublicKeyPacket.GetEncodedContents()));
        var direct = Newest(verified.DirectKeySignatures)?.Signature;
        WriteInRingOrder(output, primary.GetKeySignatures(), [.. verified.Revocations.Select(r => r.Signature), .. direct is null ? [] : new[] { direct }]);

        var userIds = 0;
        foreach (var userId in verified.UserIds)
        {
            var newest = Newest(userId.SelfSignatures);
            if (newest is null || (keepUserId is not null && !keepUserId(Encoding.UTF8.GetString(userId.RawId))))
            {
                continue;
            }

            output.Write(PacketWriter.Packet(UserIdTag, userId.RawId));
            output.Write(newest.Signature.GetEncoded());
            userIds++;
        }

        if (userIds == 0)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "no user ID is left to export");
        }

        foreach (var (subkey, state) in verified.Subkeys.Zip(evaluation.Subkeys))
        {
            var binding = subkey.Bindings.Select(b => b.Binding).Where(b => b.IsInForceAt(now)).ToList();
            if ((state.IsExpired && !state.IsRevoked) || (binding.Count == 0 && subkey.Revocations.Count == 0))
            {
                continue;
            }

            output.Write(PacketWriter.Packet(PublicSubkeyTag, subkey.Key.PublicKeyPacket.GetEncodedContents()));
            var chosen = Newest(binding)?.Signature;
            WriteInRingOrder(output, subkey.Key.GetSignatures(), [.. subkey.Revocations.Select(r => r.Signature), .. chosen is null ? [] : new[] { chosen }]);
        }

        return output.ToArray();
    }

    /// <summary>Writes the signatures of <paramref name="ring"/> that are in <paramref name="kept"/>, in the ring's order (as gpg keeps it).</summary>
    private static void WriteInRingOrder(MemoryStream output, IEnumerable<PgpSignature> ring, IReadOnlyList<PgpSignature> kept)
    {
        foreach (var signature in ring.Where(s => kept.Any(k => ReferenceEquals(k, s))))
        {
            output.Write(signature.GetEncoded());
        }
    }

    /// <summary>The newest signature; among equal times the later one in packet order, as gpg picks.</summary>
    private static SelfSignature? Newest(IEnumerable<SelfSignature> signatures) =>
        signatures.Aggregate((SelfSignature?)null, (newest, s) => newest is null || s.CreatedAt >= newest.CreatedAt ? s : newest);
}
