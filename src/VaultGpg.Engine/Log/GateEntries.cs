using System.Globalization;
using System.Text;

namespace VaultGpg.Engine.Log;

/// <summary>
/// The build gate's log entries (API.md, "Log entries"): first line <c>&lt;origin&gt;/gate/v1</c>, then <c>event</c>
/// and <c>name value</c> lines, each ending in a newline, like the signature and key entries. Every entry stays under
/// <see cref="TransparencyLog.MaxEntryBytes"/>: a policy is one entry plus one per builder, an attestation one entry
/// per builder and digest it records, a gated signature one entry naming at most
/// <see cref="Gate.GatePolicy.MaxThreshold"/> attestations.
/// </summary>
internal static class GateEntries
{
    public const string Policy = "policy";
    public const string PolicyBuilder = "policy-builder";
    public const string PolicyDelete = "policy-delete";
    public const string Attestation = "attestation";
    public const string Signature = "signature";

    /// <summary>A policy set or changed: its threshold, how many builders, and the policy's hash that each of its
    /// <see cref="PolicyBuilder"/> entries repeats.</summary>
    public static byte[] PolicySet(string origin, string keyName, string primaryFingerprint, int threshold, int builders, string policyHash, DateTimeOffset time) =>
        Entry(origin, Policy, time, ("name", keyName), ("key", primaryFingerprint.ToLowerInvariant()), ("threshold", Number(threshold)), ("builders", Number(builders)), ("policy", "sha256:" + policyHash));

    /// <summary>One builder of a policy set or changed.</summary>
    public static byte[] Builder(string origin, string keyName, string policyHash, string builderId, string type, string keyId, DateTimeOffset time) =>
        Entry(origin, PolicyBuilder, time, ("name", keyName), ("policy", "sha256:" + policyHash), ("builder", $"{builderId} {type} {keyId}"));

    /// <summary>A policy deleted: the key signs without the gate from now on.</summary>
    public static byte[] PolicyDeleted(string origin, string keyName, string primaryFingerprint, DateTimeOffset time) =>
        Entry(origin, PolicyDelete, time, ("name", keyName), ("key", primaryFingerprint.ToLowerInvariant()));

    /// <summary>A builder's attestation of one digest accepted: the attestation document's SHA-256 (the file as posted),
    /// the builder and its key ID, and the digest it now counts for.</summary>
    public static byte[] Attested(string origin, string keyName, string attestation, string builderId, string keyId, string digest, DateTimeOffset time) =>
        Entry(origin, Attestation, time, ("name", keyName), ("attestation", "sha256:" + attestation), ("builder", $"{builderId} {keyId}"), ("digest", digest));

    /// <summary>A signature the gate let through: the log index of the signature's own entry, the digest, the threshold
    /// and the attestations relied on (the documents' SHA-256, one line each).</summary>
    public static byte[] GatedSignature(string origin, long signatureEntry, string digest, int threshold, IEnumerable<string> attestations, DateTimeOffset time) =>
        Entry(origin, Signature, time, [("signature-entry", Number(signatureEntry)), ("digest", digest), ("threshold", Number(threshold)), .. attestations.Select(a => ("attestation", "sha256:" + a))]);

    private static byte[] Entry(string origin, string gateEvent, DateTimeOffset time, params (string Name, string Value)[] lines)
    {
        var text = new StringBuilder().Append(origin).Append("/gate/v1\n").Append("event ").Append(gateEvent).Append('\n');
        foreach (var (name, value) in lines)
        {
            text.Append(name).Append(' ').Append(value).Append('\n');
        }

        text.Append("time ").Append(Number(time.ToUnixTimeSeconds())).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
