using System.Globalization;

namespace VaultGpg.Transparency;

/// <summary>
/// A build gate event's log entry (API.md, "Log entries"): <c>&lt;origin&gt;/gate/v1</c>, <c>event</c>, the event's
/// lines in a fixed order, then <c>time</c>:
/// <code>
/// policy          name, key, threshold, builders, policy sha256:&lt;hex&gt;
/// policy-builder  name, policy sha256:&lt;hex&gt;, builder &lt;id&gt; &lt;type&gt; &lt;key id&gt;
/// policy-delete   name, key (absent when the key itself is gone)
/// attestation     name, attestation sha256:&lt;hex&gt;, builder &lt;id&gt; &lt;key id&gt;, digest sha256|sha512:&lt;hex&gt;
/// signature       signature-entry &lt;log index&gt;, digest, threshold, then threshold lines attestation sha256:&lt;hex&gt;
/// </code>
/// The engine writes it; the monitor reads it to show a key owner the policy changes and attestations of a key.
/// </summary>
public sealed record GateEntry(string Origin, string Event, IReadOnlyList<(string Name, string Value)> Lines, DateTimeOffset Time) : LogEntry(Origin)
{
    public const string Kind = "gate";
    public const string Policy = "policy";
    public const string PolicyBuilder = "policy-builder";
    public const string PolicyDelete = "policy-delete";
    public const string Attestation = "attestation";
    public const string Signature = "signature";

    /// <summary>The digests a gate entry names: what an attestation's subject can carry.</summary>
    public static readonly IReadOnlyDictionary<string, int> DigestAlgorithms = new Dictionary<string, int> { ["sha256"] = 32, ["sha512"] = 64 };

    private static readonly Dictionary<string, Line[]> Formats = new(StringComparer.Ordinal)
    {
        [Policy] = [new("name", Word), new("key", Fingerprint), new("threshold", Count), new("builders", Count), new("policy", Sha256)],
        [PolicyBuilder] = [new("name", Word), new("policy", Sha256), new("builder", (v, _) => Builder(v, 3))],
        [PolicyDelete] = [new("name", Word), new("key", Fingerprint, Optional: true)],
        [Attestation] = [new("name", Word), new("attestation", Sha256), new("builder", (v, _) => Builder(v, 2)), new("digest", DigestHash)],
        [Signature] = [new("signature-entry", Index), new("digest", DigestHash), new("threshold", Count), new("attestation", Sha256, Repeated: true)],
    };

    /// <summary>A policy set or changed: its threshold, how many builders, and the policy's hash (hex) that each of its
    /// <see cref="PolicyBuilder"/> entries repeats.</summary>
    public static GateEntry ForPolicy(string origin, string keyName, string primaryFingerprint, int threshold, int builders, string policyHash, DateTimeOffset time) =>
        new(origin, Policy, [("name", keyName), ("key", primaryFingerprint.ToLowerInvariant()), ("threshold", Number(threshold)), ("builders", Number(builders)), ("policy", "sha256:" + policyHash)], time);

    /// <summary>One builder of a policy set or changed.</summary>
    public static GateEntry ForPolicyBuilder(string origin, string keyName, string policyHash, string builderId, string type, string keyId, DateTimeOffset time) =>
        new(origin, PolicyBuilder, [("name", keyName), ("policy", "sha256:" + policyHash), ("builder", $"{builderId} {type} {keyId}")], time);

    /// <summary>A policy deleted: the key signs without the gate from now on. Without a fingerprint (the key was
    /// deleted before its policy) the entry has no <c>key</c> line.</summary>
    public static GateEntry ForPolicyDelete(string origin, string keyName, string? primaryFingerprint, DateTimeOffset time) =>
        new(origin, PolicyDelete, string.IsNullOrEmpty(primaryFingerprint) ? [("name", keyName)] : [("name", keyName), ("key", primaryFingerprint.ToLowerInvariant())], time);

    /// <summary>A builder's attestation of one digest accepted: the attestation document's SHA-256 (hex, of the file as
    /// posted), the builder and its key ID, and the digest (<c>sha256:hex</c> or <c>sha512:hex</c>) it now counts for.</summary>
    public static GateEntry ForAttestation(string origin, string keyName, string attestation, string builderId, string keyId, string digest, DateTimeOffset time) =>
        new(origin, Attestation, [("name", keyName), ("attestation", "sha256:" + attestation), ("builder", $"{builderId} {keyId}"), ("digest", digest)], time);

    /// <summary>A signature the gate let through: the log index of the signature's own entry, the digest, the threshold
    /// and the attestations relied on (the documents' SHA-256 in hex, one line each).</summary>
    public static GateEntry ForSignature(string origin, long signatureEntry, string digest, int threshold, IEnumerable<string> attestations, DateTimeOffset time) =>
        new(origin, Signature, [("signature-entry", Number(signatureEntry)), ("digest", digest), ("threshold", Number(threshold)), .. attestations.Select(a => ("attestation", "sha256:" + a))], time);

    /// <summary>The key name (every event but <see cref="Signature"/>).</summary>
    public string? Name => Value("name");

    /// <summary>The digest (<see cref="Attestation"/> and <see cref="Signature"/>), as <c>algorithm:hex</c>.</summary>
    public string? Digest => Value("digest");

    /// <summary>The log index of the signature entry a <see cref="Signature"/> event follows.</summary>
    public long? SignatureEntryIndex => Value("signature-entry") is { } index ? long.Parse(index, CultureInfo.InvariantCulture) : null;

    /// <summary>The value of the first line named <paramref name="name"/>, or null.</summary>
    public string? Value(string name) => Lines.FirstOrDefault(l => l.Name == name).Value;

    public override byte[] ToBytes()
    {
        var text = Header(Kind).Append("event ").Append(Event).Append('\n');
        foreach (var (name, value) in Lines)
        {
            text.Append(name).Append(' ').Append(value).Append('\n');
        }

        text.Append("time ").Append(EntryLines.Seconds(Time)).Append('\n');
        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Reads a gate entry; a <see cref="FormatException"/> naming the line when it is not exactly in the format.</summary>
    public static new GateEntry Parse(ReadOnlySpan<byte> entry)
    {
        var lines = EntryLines.Read(entry, Kind);
        var gateEvent = lines.Take("event");
        if (!Formats.TryGetValue(gateEvent, out var format))
        {
            throw new FormatException($"log entry \"event\" is not a known gate event: \"{gateEvent}\"");
        }

        var read = new List<(string, string)>();
        foreach (var line in format)
        {
            var value = line.Optional || line.Repeated ? lines.TakeOptional(line.Name) : lines.Take(line.Name);
            while (value is not null)
            {
                line.Check(value, line.Name);
                read.Add((line.Name, value));
                value = line.Repeated ? lines.TakeOptional(line.Name) : null;
            }
        }

        var time = EntryLines.Time(lines.Take("time"), "time");
        lines.End();
        var parsed = new GateEntry(lines.Origin, gateEvent, read, time);
        if (gateEvent == Signature && parsed.Lines.Count(l => l.Name == "attestation") is var count && Number(count) != parsed.Value("threshold"))
        {
            throw new FormatException($"log entry names {count} attestations, not \"threshold\" {parsed.Value("threshold")}");
        }

        return parsed;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Word(string value, string name) => EntryLines.Word(value, name);

    private static void Fingerprint(string value, string name) => EntryLines.Fingerprint(value, name);

    private static void Sha256(string value, string name) => EntryLines.Hash(value, name, EntryLines.Sha256Only);

    private static void DigestHash(string value, string name) => EntryLines.Hash(value, name, DigestAlgorithms);

    private static void Count(string value, string name)
    {
        if (!TileId.TryParseDecimalLong(value, out var count) || count is < 1 or > int.MaxValue)
        {
            throw new FormatException($"log entry \"{name}\" is not a positive number: \"{value}\"");
        }
    }

    private static void Index(string value, string name)
    {
        if (!TileId.TryParseDecimalLong(value, out _))
        {
            throw new FormatException($"log entry \"{name}\" is not a log index: \"{value}\"");
        }
    }

    /// <summary><c>&lt;id&gt; [&lt;type&gt;] &lt;key id&gt;</c>: <paramref name="words"/> words, the last lower-case hex.</summary>
    private static void Builder(string value, int words)
    {
        var parts = value.Split(' ');
        if (parts.Length != words || parts.Any(p => p.Length == 0) || !parts[^1].All(char.IsAsciiHexDigitLower))
        {
            throw new FormatException($"log entry \"builder\" is not {(words == 3 ? "<id> <type> <key id>" : "<id> <key id>")}: \"{value}\"");
        }
    }

    private sealed record Line(string Name, Action<string, string> Check, bool Optional = false, bool Repeated = false);
}
