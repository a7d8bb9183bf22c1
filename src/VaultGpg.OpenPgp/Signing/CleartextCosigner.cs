using System.Text;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>
/// A cleartext-signed message (RFC 4880 §7) signed by several keys at once: one signature per key over the same text,
/// all in the one armored signature block, as <c>gpg --clearsign -u A -u B</c> writes it; <c>gpg --verify</c> reports
/// a good signature for each. Used for key transition statements, which the old and the new key both sign.
/// </summary>
public sealed class CleartextCosigner
{
    private readonly TimeProvider _timeProvider;

    public CleartextCosigner(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Signs <paramref name="text"/> with the key each of <paramref name="keys"/> signs with now, in order.</summary>
    /// <exception cref="OpenPgpException">A key cannot sign (<see cref="OpenPgpErrorKind.CannotSign"/>), or the hash is
    /// too short for one of them (<see cref="OpenPgpErrorKind.InvalidInput"/>).</exception>
    public string Sign(IReadOnlyList<OpenPgpKey> keys, string text, HashAlgorithm hash = HashAlgorithm.Sha512)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(text);
        if (keys.Count == 0)
        {
            throw new ArgumentException("at least one key must sign", nameof(keys));
        }

        Sha2Family.Require(hash, nameof(hash));
        var now = _timeProvider.GetUtcNow();
        var signers = keys.Select(k => k.SignerAt(now).Raw).ToList();
        var lines = CleartextFormat.Lines(text);
        var signed = CleartextFormat.SignedBytes(lines, Encoding.UTF8);
        using var packets = new MemoryStream();
        foreach (var signer in signers)
        {
            var core = Sha2Cores.Create(Sha2Cores.InitialState(hash));
            core.Append(signed);
            packets.Write(SignatureCore.Sign(signer, core, SignatureCore.CanonicalTextDocument, now));
        }

        return CleartextFormat.Compose(lines, Sha2Family.Name(hash), Armor.Encode(packets.ToArray(), ArmorKind.Signature));
    }
}
