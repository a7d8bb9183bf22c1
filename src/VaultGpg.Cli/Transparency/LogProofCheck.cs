using System.Globalization;
using VaultGpg.Cli.Signing;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Transparency;

/// <summary>
/// Checks a signature's tlog-proof: rebuilds the log entry from the file, the signature packet and the key (API.md,
/// "Log entries"), opens the proof's checkpoint with the pinned log key, checks the inclusion proof against its root
/// and, under a policy, the witnesses' quorum. Every failure says what differed. Nothing from the proof's
/// <c>extra</c> entry is trusted: it only helps to name the line that differs.
/// </summary>
internal sealed class LogProofCheck(IReadOnlyList<INoteVerifier> logKeys, TlogPolicy? policy)
{
    /// <summary>Null when the proof shows the signature in the log, else why not.</summary>
    public async Task<string?> CheckAsync(SignedFile signed, string proofText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signed);
        TlogProof proof;
        try
        {
            proof = TlogProof.Parse(proofText);
        }
        catch (FormatException e)
        {
            return $"the proof is not a C2SP tlog-proof: {e.Message}";
        }

        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.Parse(proof.Checkpoint.Text);
        }
        catch (FormatException e)
        {
            return $"the proof's checkpoint is malformed: {e.Message}";
        }

        var logKey = logKeys.FirstOrDefault(k => k.Name == checkpoint.Origin);
        if (logKey is null)
        {
            return $"the proof's checkpoint is of log \"{checkpoint.Origin}\", not of the log key's log \"{string.Join("\", \"", logKeys.Select(k => k.Name))}\"";
        }

        if (proof.Checkpoint.VerifiedBy([logKey]).Count == 0)
        {
            return $"the proof's checkpoint (size {checkpoint.Size}) has no valid signature of the log key {logKey.Name}+{logKey.KeyId:x8}";
        }

        if (proof.Index >= checkpoint.Size)
        {
            return $"the proof's index {proof.Index} is not below the checkpoint's size {checkpoint.Size}";
        }

        var (entry, problem) = await RebuildAsync(signed, logKey.Name, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return problem;
        }

        var bytes = entry.ToBytes();
        if (!proof.Verifies(bytes, logKey))
        {
            return $"the entry rebuilt from {signed.Path}, its signature and the key is not in the log at index {proof.Index} "
                + $"of the checkpoint of size {checkpoint.Size}{Differences(proof, entry)}";
        }

        if (policy is not null && !policy.QuorumMet(proof.Checkpoint))
        {
            var cosigned = policy.CosignedBy(proof.Checkpoint);
            return $"the checkpoint does not meet the policy's witness quorum \"{policy.Quorum}\" (valid cosignatures from: "
                + $"{(cosigned.Count == 0 ? "none" : string.Join(", ", cosigned))})";
        }

        return null;
    }

    /// <summary>The entry the log should hold for this file and signature, or why it cannot be rebuilt.</summary>
    private static async Task<(SignatureEntry? Entry, string? Problem)> RebuildAsync(SignedFile signed, string origin, CancellationToken cancellationToken)
    {
        IReadOnlyList<SignatureInfo> signatures;
        try
        {
            signatures = SignatureReader.ReadDetached(signed.SignaturePacket);
        }
        catch (OpenPgpException e)
        {
            return (null, $"the signature cannot be read: {e.Message}");
        }

        if (signatures.Count != 1)
        {
            return (null, $"the signature file holds {signatures.Count} signatures; a tlog-proof is for one");
        }

        var signature = signatures[0];
        var signing = signature.IssuerFingerprint?.ToLowerInvariant();
        if (signing is null || !signed.KeyFingerprints.Contains(signing, StringComparer.OrdinalIgnoreCase))
        {
            return (null, signing is null
                ? "the signature names no issuer fingerprint, which its log entry needs"
                : $"the signature was made by {signing}, which is not the key {signed.PrimaryFingerprint.ToLowerInvariant()} or one of its subkeys");
        }

        var type = signature.SignatureType switch
        {
            0x00 => SignatureEntry.Binary,
            0x01 => SignatureEntry.Text,
            _ => null,
        };
        if (type is null || !Enum.IsDefined((HashAlgorithm)signature.HashAlgorithm))
        {
            return (null, string.Create(
                CultureInfo.InvariantCulture, $"a signature of type 0x{signature.SignatureType:x2} with hash algorithm {signature.HashAlgorithm} has no log entry"));
        }

        var hash = (HashAlgorithm)signature.HashAlgorithm;
        var digest = ResumableHash.Create(hash);
        var file = new FileStream(signed.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            await digest.AppendAsync(file, cancellationToken).ConfigureAwait(false);
        }

        var name = DigestNames.ToVault(hash).Replace("sha2-", "sha", StringComparison.Ordinal);
        return (SignatureEntry.For(origin, signed.PrimaryFingerprint, signing, name, digest.Finish(), signed.SignaturePacket, type, signature.CreatedAt), null);
    }

    /// <summary>The lines in which the proof's own copy of the entry differs, when it carries one.</summary>
    private static string Differences(TlogProof proof, SignatureEntry rebuilt)
    {
        if (proof.Extra is null)
        {
            return "";
        }

        try
        {
            var logged = SignatureEntry.Parse(proof.Extra);
            var differences = rebuilt.Differences(logged);
            return differences.Count == 0
                ? " (the proof's copy of the entry is the same: the inclusion proof or index does not lead to the checkpoint's root)"
                : $" (differs from the proof's copy of the entry in: {string.Join(", ", differences)})";
        }
        catch (FormatException)
        {
            return " (the proof's copy of the entry is not a signature entry)";
        }
    }
}
