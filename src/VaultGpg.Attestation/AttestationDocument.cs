using System.Security.Cryptography;
using System.Text.Json;

namespace VaultGpg.Attestation;

/// <summary>
/// A build attestation as a builder posts it: in-toto link metadata as <c>in-toto-run</c> writes it (<c>{"signed":
/// {"_type": "link", ..., "products": {...}}, "signatures": [...]}</c>, signed over the canonical JSON of
/// <c>signed</c>), or an in-toto Statement v1 in a DSSE envelope (signed over the PAE of the payload). The artifacts
/// it vouches for are a link's products and a statement's subjects, by their sha256 and sha512 digests; materials
/// are not products and do not count.
/// </summary>
public sealed class AttestationDocument
{
    /// <summary>The largest document read (a rebuilder's link for one package is a few kilobytes).</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The most artifacts one document may vouch for.</summary>
    public const int MaxArtifacts = 256;

    /// <summary>The most signatures one document may carry (each may cost a signature check per builder).</summary>
    public const int MaxSignatures = 64;

    public const string LinkFormat = "link";
    public const string DsseFormat = "dsse";
    public const string StatementType = "https://in-toto.io/Statement/v1";

    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    private AttestationDocument(string format, string name, byte[] signedBytes, IReadOnlyList<AttestationSignature> signatures, IReadOnlyList<AttestedArtifact> artifacts, string sha256)
    {
        Format = format;
        Name = name;
        SignedBytes = signedBytes;
        Signatures = signatures;
        Artifacts = artifacts;
        Sha256 = sha256;
    }

    /// <summary><see cref="LinkFormat"/> or <see cref="DsseFormat"/>.</summary>
    public string Format { get; }

    /// <summary>A link's step name, or a statement's predicate type.</summary>
    public string Name { get; }

    /// <summary>The bytes the signatures cover.</summary>
    public byte[] SignedBytes { get; }

    public IReadOnlyList<AttestationSignature> Signatures { get; }

    public IReadOnlyList<AttestedArtifact> Artifacts { get; }

    /// <summary>SHA-256 of the document as posted, lower-case hex: its name in the log and in the records.</summary>
    public string Sha256 { get; }

    /// <summary>Reads a link or a DSSE envelope.</summary>
    /// <exception cref="AttestationException">Not a well-formed link or DSSE envelope with an in-toto Statement v1,
    /// no artifact with a sha256 or sha512 digest, or more than the limits allow.</exception>
    public static AttestationDocument Parse(ReadOnlySpan<byte> document)
    {
        if (document.Length > MaxBytes)
        {
            throw new AttestationException($"the document is {document.Length} bytes; at most {MaxBytes} are read");
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(document));
        try
        {
            using var json = JsonDocument.Parse(document.ToArray(), Strict);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new AttestationException("the document is not a JSON object");
            }

            return root.TryGetProperty("payloadType", out _) ? ParseDsse(root, sha256)
                : root.TryGetProperty("signed", out _) ? ParseLink(root, sha256)
                : throw new AttestationException("the document is neither in-toto link metadata (signed, signatures) nor a DSSE envelope (payloadType, payload, signatures)");
        }
        catch (JsonException e)
        {
            throw new AttestationException($"the document is not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new AttestationException($"the document is malformed: {e.Message}", e);
        }
    }

    /// <summary>
    /// The builders (by their id in <paramref name="builders"/>) whose valid signature the document carries. A
    /// signature is matched to builders by its key ID (a DSSE signature without one is tried with every in-toto
    /// key); signatures that name no builder are ignored.
    /// </summary>
    /// <exception cref="AttestationException">No signature names a builder (an unknown builder), or a signature that
    /// names one does not verify (a changed document or another key).</exception>
    public IReadOnlyList<string> VerifySigners(IReadOnlyDictionary<string, BuilderKey> builders)
    {
        ArgumentNullException.ThrowIfNull(builders);
        var signers = new List<string>();
        var named = false;
        foreach (var signature in Signatures)
        {
            var candidates = builders
                .Where(b => signature.KeyId.Length == 0 ? b.Value.Type != BuilderKey.OpenPgp : b.Value.Matches(signature.KeyId))
                .OrderBy(b => b.Key, StringComparer.Ordinal)
                .ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            named = true;
            var verified = candidates.Where(b => b.Value.Verify(SignedBytes, signature)).Select(b => b.Key).ToList();
            if (verified.Count == 0)
            {
                var who = signature.KeyId.Length == 0 ? $"builder {string.Join(" or ", candidates.Select(c => c.Key))}" : $"key {signature.KeyId} (builder {candidates[0].Key})";
                throw new AttestationException($"bad signature: the signature of {who} does not verify over this document");
            }

            signers.AddRange(verified.Where(id => !signers.Contains(id)));
        }

        if (!named)
        {
            var keyIds = Signatures.Count == 0 ? "none" : string.Join(", ", Signatures.Select(s => s.KeyId.Length == 0 ? "(no key id)" : s.KeyId));
            throw new AttestationException($"unknown builder: no signature is by a builder of the policy (signature key ids: {keyIds})");
        }

        return signers;
    }

    private static AttestationDocument ParseLink(JsonElement root, string sha256)
    {
        var signed = Member(root, "signed", JsonValueKind.Object);
        if (Text(signed, "_type") != "link")
        {
            throw new AttestationException("signed._type must be \"link\" (layouts and other metadata are not attestations)");
        }

        var products = Member(signed, "products", JsonValueKind.Object);
        var artifacts = products.EnumerateObject().Select(p => Artifact(p.Name, p.Value, "products")).ToList();
        var signatures = CheckedSignatures([.. Member(root, "signatures", JsonValueKind.Array).EnumerateArray().Select(LinkSignature)]);
        return new AttestationDocument(LinkFormat, Text(signed, "name"), CanonicalJson.Encode(signed), signatures, Checked(artifacts), sha256);
    }

    private static AttestationDocument ParseDsse(JsonElement root, string sha256)
    {
        var payloadType = Text(root, "payloadType");
        if (payloadType != Dsse.InTotoPayloadType)
        {
            throw new AttestationException($"payloadType \"{payloadType}\" is not {Dsse.InTotoPayloadType}");
        }

        var payload = Base64(Text(root, "payload"), "payload");
        var signatures = Member(root, "signatures", JsonValueKind.Array).EnumerateArray()
            .Select(s => new AttestationSignature(
                s.TryGetProperty("keyid", out var keyId) && keyId.ValueKind == JsonValueKind.String ? keyId.GetString()!.ToLowerInvariant() : "",
                Base64(Text(s, "sig"), "signatures[].sig"),
                null))
            .ToList();
        CheckedSignatures(signatures);
        using var statement = JsonDocument.Parse(payload, Strict);
        var body = statement.RootElement;
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("_type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != StatementType)
        {
            throw new AttestationException($"the DSSE payload is not an in-toto Statement v1 (_type {StatementType})");
        }

        var artifacts = Member(body, "subject", JsonValueKind.Array).EnumerateArray()
            .Select(s => Artifact(Text(s, "name"), Member(s, "digest", JsonValueKind.Object), "subject[].digest"))
            .ToList();
        var predicateType = body.TryGetProperty("predicateType", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
        return new AttestationDocument(DsseFormat, predicateType, Dsse.Pae(payloadType, payload), signatures, Checked(artifacts), sha256);
    }

    private static AttestationSignature LinkSignature(JsonElement signature)
    {
        var keyId = Text(signature, "keyid").ToLowerInvariant();
        return signature.TryGetProperty("other_headers", out _)
            ? new AttestationSignature(keyId, Hex(Text(signature, "signature"), "signatures[].signature"), Hex(Text(signature, "other_headers"), "signatures[].other_headers"))
            : new AttestationSignature(keyId, Hex(Text(signature, "sig"), "signatures[].sig"), null);
    }

    private static AttestedArtifact Artifact(string name, JsonElement digests, string where)
    {
        if (digests.ValueKind != JsonValueKind.Object)
        {
            throw new AttestationException($"{where}: the digests of \"{name}\" are not an object");
        }

        return new AttestedArtifact(name, Digest(digests, "sha256", 64, where), Digest(digests, "sha512", 128, where));
    }

    private static string? Digest(JsonElement digests, string algorithm, int hexLength, string where)
    {
        if (!digests.TryGetProperty(algorithm, out var value))
        {
            return null;
        }

        var hex = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        if (hex.Length != hexLength || !hex.All(char.IsAsciiHexDigit))
        {
            throw new AttestationException($"{where}: a {algorithm} digest is {hexLength} hex digits");
        }

        return hex.ToLowerInvariant();
    }

    private static List<AttestationSignature> CheckedSignatures(List<AttestationSignature> signatures) =>
        signatures.Count <= MaxSignatures ? signatures
            : throw new AttestationException($"the document carries {signatures.Count} signatures; at most {MaxSignatures} are read");

    private static List<AttestedArtifact> Checked(List<AttestedArtifact> artifacts)
    {
        var usable = artifacts.Where(a => a.Sha256 is not null || a.Sha512 is not null).ToList();
        if (usable.Count == 0)
        {
            throw new AttestationException("the document vouches for no artifact with a sha256 or sha512 digest (link products, statement subjects)");
        }

        if (usable.Count > MaxArtifacts)
        {
            throw new AttestationException($"the document vouches for {usable.Count} artifacts; at most {MaxArtifacts} are accepted");
        }

        return usable;
    }

    private static JsonElement Member(JsonElement parent, string name, JsonValueKind kind) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new AttestationException($"\"{name}\" is missing or not a JSON {kind.ToString().ToLowerInvariant()}");

    private static string Text(JsonElement parent, string name) => Member(parent, name, JsonValueKind.String).GetString()!;

    private static byte[] Hex(string value, string where)
    {
        try
        {
            return Convert.FromHexString(value);
        }
        catch (FormatException e)
        {
            throw new AttestationException($"{where} is not hex", e);
        }
    }

    private static byte[] Base64(string value, string where)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException e)
        {
            throw new AttestationException($"{where} is not base64", e);
        }
    }
}
