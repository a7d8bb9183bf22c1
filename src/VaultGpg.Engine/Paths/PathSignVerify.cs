using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Gate;
using VaultGpg.Engine.Keys;
using VaultGpg.Engine.Log;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Paths;

/// <summary><c>sign/:name(/:algorithm)</c> and <c>verify/:name</c>: detached and cleartext signatures, single or batched.</summary>
internal sealed class PathSignVerify(KeyStore keys, OpenPgpSigner signer, TransparencyLog transparency, GateEvents gateEvents, TimeProvider timeProvider, ILogger<PathSignVerify> log)
{
    /// <summary>The most items one batch request may carry; a larger set is split by the client.</summary>
    public const int MaxBatchItems = 5000;

    private const string Detached = "detached";
    private const string Clearsign = "clearsign";
    private static readonly IReadOnlyList<string> Modes = [Detached, Clearsign];

    private static readonly FieldSchema<string> Name = KeyFields.Name;

    private static readonly FieldSchema<string> UrlAlgorithm = Field.String(
        "urlalgorithm", "Hash algorithm given in the URL; it wins over algorithm. One of sha2-224, sha2-256, sha2-384, sha2-512.");

    private static readonly FieldSchema<string> Algorithm = Field.String(
        "algorithm",
        "Hash algorithm of the signature: sha2-224, sha2-256, sha2-384 or sha2-512 (MD5 and SHA-1 are refused). " +
        "With hash_state, the state's own algorithm is used and this must match it when sent. Default: sha2-256, or the " +
        "hash gpg picks for an ECDSA signing key: sha2-384 on P-384, sha2-512 on P-521.",
        @default: RequestValues.DefaultAlgorithm);

    private static readonly FieldSchema<string> Input = Field.String(
        "input", "The data to sign (or, for verify, the signed data), base64-encoded. With mode=clearsign, UTF-8 text.");

    private static readonly FieldSchema<string> Format = Field.String(
        "format",
        "Encoding of signatures: base64 (of the binary signature packet) or ascii-armor. Default: base64.",
        @default: RequestValues.Base64Format);

    private static readonly FieldSchema<string> Mode = Field.String(
        "mode",
        "detached for a detached signature, or clearsign for a cleartext-signed text (an apt InRelease). Default: detached.",
        @default: Detached);

    private static readonly FieldSchema<bool> TextMode = Field.Bool(
        "text",
        "Make a text-mode detached signature (type 0x01, line endings canonicalised), as gpg --textmode does. Default: false.",
        @default: false);

    private static readonly FieldSchema<string> HashState = Field.String(
        "hash_state",
        "Instead of input: the base64 of a SHA-2 state exported by a client after hashing the data itself " +
        "(see the hash-state encoding in the API reference). Detached binary signatures only: not with mode clearsign or text.");

    private static readonly FieldSchema<TimeSpan> Expires = Field.DurationSeconds(
        "expires",
        "Lifetime of the signature, in seconds or as a duration such as 8760h, after which verifiers report it expired; " +
        "0 means it never expires. Default: 0 (the Go plugin has no expires; DataDog's fork defaults to one year).");

    private static readonly FieldSchema<bool> LogProof = Field.Bool(
        "log_proof",
        "With the transparency log on (log/config), also return each signature's C2SP tlog-proof " +
        "(c2sp.org/tlog-proof@v1: its log entry, index, inclusion proof and the signed checkpoint) in log_proof. Default: false.",
        @default: false);

    private static readonly FieldSchema<string> Signature = Field.String(
        "signature", "The detached signature to verify, in the encoding given by format.");

    private static readonly FieldSchema<string> SignedMessage = Field.String(
        "signed_message", "A cleartext-signed message to verify, instead of input and signature.");

    private static readonly FieldSchema<string> Reference = BatchRunner.Reference;

    private static readonly FieldSchema<IReadOnlyList<BatchItem>> SignBatch = Field.Batch(
        "batch_input",
        "Sign many items in one request: a list of at most 5000 objects, each with input or hash_state (as the request " +
        "itself would send them) and an optional reference echoed in its result. Each item is validated like a request; " +
        "a bad item gets an error result naming it, the others are signed.",
        [Input, HashState, Reference],
        [FieldChoice.OneOf([Input], [HashState])],
        MaxBatchItems);

    private static readonly FieldSchema<IReadOnlyList<BatchItem>> VerifyBatch = Field.Batch(
        "batch_input",
        "Verify many items in one request: a list of at most 5000 objects, each with input and signature, or " +
        "signed_message, and an optional reference echoed in its result. Each item is validated like a request; a bad " +
        "item gets an error result naming it, the others are verified.",
        [Input, Signature, SignedMessage, Reference],
        [FieldChoice.OneOf([Input, Signature], [SignedMessage])],
        MaxBatchItems);

    public static PathDefinition[] Define(PathSignVerify h) =>
    [
        new("sign/" + PathPatterns.Name(Name) + PathPatterns.Optional(UrlAlgorithm))
        {
            Fields = [Name, UrlAlgorithm, Algorithm, Input, Format, Mode, TextMode, HashState, Expires, LogProof, SignBatch],
            Choices = [FieldChoice.OneOf([Input], [HashState], [SignBatch])],
            Operations = { [Operation.Update] = new(h.SignAsync) { Summary = "Sign data with a named key." } },
            HelpSynopsis = SignSynopsis,
            HelpDescription = SignDescription,
        },
        new("verify/" + PathPatterns.Name(Name))
        {
            Fields = [Name, Input, Signature, SignedMessage, Format, VerifyBatch],
            Choices = [FieldChoice.OneOf([Input, Signature], [SignedMessage], [VerifyBatch])],
            Operations = { [Operation.Update] = new(h.VerifyAsync) { Summary = "Verify a signature with a named key." } },
            HelpSynopsis = VerifySynopsis,
            HelpDescription = VerifyDescription,
        },
    ];

    private async Task<Response?> SignAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        var options = ParseSignOptions(data);
        if (options.Failed)
        {
            return options.Problem.ToResponse();
        }

        var found = await keys.RequireAsync(request, name, cancellationToken).ConfigureAwait(false);
        if (found.Failed)
        {
            return found.Problem.ToResponse();
        }

        // Validity is judged now, on every request: the key that signs, and whether any can, as of this instant; the
        // signatures carry this instant as their creation time, so the key that signs is the one reported.
        var key = found.Value.Key;
        var now = timeProvider.GetUtcNow();
        var signing = key.DescribeAt(now);
        if (!signing.CanSign)
        {
            return Response.InvalidRequest($"key \"{name}\" cannot sign: {signing.CannotSignReason}");
        }

        var signingKeyId = signing.SigningKeyId!;
        var logConfig = await transparency.GetConfigAsync(request.Storage, cancellationToken).ConfigureAwait(false);
        options = options.Value with
        {
            SignedAt = now,
            LogOrigin = logConfig is { Enabled: true } ? logConfig.Origin : null,
            Hash = options.Value.AlgorithmGiven ? options.Value.Hash : RequestValues.DefaultHashFor(signing),
        };
        var hashName = RequestValues.HashAlgorithmName(options.Value.Hash);
        var mode = options.Value.Clearsign ? Clearsign : Detached;

        // With the log on, a commit that starts while this request signs waits a moment for its entries to join.
        using var ticket = options.Value.LogOrigin is null ? null : transparency.StartSigning();

        // The reproducible-build gate (keys/:name/policy): with a policy, an item whose digest too few builders
        // attested is refused (alone: a 400; in a batch: that item's error), and each signature it lets through is logged.
        var gate = await SignGate.OpenAsync(request.Storage, name, cancellationToken).ConfigureAwait(false);
        var gated = new Dictionary<JsonObject, GateVerdict>(ReferenceEqualityComparer.Instance);

        // A single request is a batch of one: the same item function reads the same fields from the request itself.
        if (data.TryGet(SignBatch, out var batch))
        {
            var entries = new Dictionary<JsonObject, byte[]>(ReferenceEqualityComparer.Instance);
            var verdicts = gate is null ? null : await gate.JudgeAllAsync(request.Storage, batch, GateInputs, cancellationToken).ConfigureAwait(false);
            var results = await BatchRunner.RunAsync(
                    batch,
                    item => verdicts is null ? SignOne(key, signing, options.Value, item) : GatedSignOne(verdicts[item], () => SignOne(key, signing, options.Value, item)),
                    signed =>
                    {
                        var json = signed.ToJson(signing);
                        if (signed.Gate is { } verdict)
                        {
                            lock (gated)
                            {
                                gated.Add(json, verdict);
                            }
                        }

                        if (signed.LogEntry is { } entry)
                        {
                            lock (entries)
                            {
                                entries.Add(json, entry);
                            }
                        }

                        return json;
                    },
                    cancellationToken)
                .ConfigureAwait(false);
            var logged = results.Where(entries.ContainsKey).ToList();
            await LogSignaturesAsync(request.Storage, logged, [.. logged.Select(r => entries[r])], data.Get(LogProof), ticket, cancellationToken).ConfigureAwait(false);
            await LogGatedAsync(request.Storage, gated, cancellationToken).ConfigureAwait(false);
            var failed = results.Count(r => r.ContainsKey("error"));
            EngineLog.SignedBatch(log, name, signingKeyId, hashName, mode, batch.Count, failed, request.Id);
            return Response.WithData(new JsonObject { ["batch_results"] = new JsonArray(results) });
        }

        var (gateField, gateInput, gateHashState) = GateInputs(data);
        var single = gate is null ? SignOne(key, signing, options.Value, data)
            : GatedSignOne(await gate.JudgeAsync(request.Storage, gateField, gateInput, gateHashState, cancellationToken).ConfigureAwait(false), () => SignOne(key, signing, options.Value, data));

        if (single.Failed)
        {
            return single.Problem.ToResponse();
        }

        var answer = single.Value.ToJson(signing);
        if (single.Value.LogEntry is { } logEntry)
        {
            await LogSignaturesAsync(request.Storage, [answer], [logEntry], data.Get(LogProof), ticket, cancellationToken).ConfigureAwait(false);
            if (single.Value.Gate is { } verdict)
            {
                gated.Add(answer, verdict);
                await LogGatedAsync(request.Storage, gated, cancellationToken).ConfigureAwait(false);
            }
        }

        var hashUsed = RequestValues.HashAlgorithmName(single.Value.Hash);
        EngineLog.Signed(log, name, signingKeyId, hashUsed, mode, single.Value.InputBytes, request.Id);
        return Response.WithData(answer);
    }

    /// <summary>Signs one item: the request itself or one batch entry, whose fields were validated alike (exactly one
    /// of input and hash_state). User errors come back as a <see cref="Problem"/>, not as exceptions.</summary>
    private Parsed<SignOutcome> SignOne(OpenPgpKey key, KeyInfo signing, SignRequestOptions options, FieldData fields)
    {
        var fieldName = fields.TryGet(HashState, out var hashState) ? HashState.Name : Input.Name;
        try
        {
            byte[] signature;
            long inputBytes;
            byte[] digest;
            var hash = options.Hash;
            if (hashState is not null)
            {
                if (options.Clearsign)
                {
                    return Parsed<SignOutcome>.Invalid(fieldName, "hash_state cannot be used with mode clearsign");
                }

                // A text signature (0x01) hashes the text with canonical line endings, which only the text shows: the
                // state would be signed as if it were, over whatever bytes the client hashed.
                if (options.TextMode)
                {
                    return Parsed<SignOutcome>.Invalid(fieldName, "hash_state cannot be used with text=true; a text signature needs the input");
                }

                var state = RequestValues.Base64(fieldName, hashState);
                if (state.Failed)
                {
                    return state.Problem;
                }

                var resumed = ResumableHash.Import(state.Value);
                if (options.AlgorithmGiven && resumed.Algorithm != hash)
                {
                    return Parsed<SignOutcome>.Invalid(fieldName, $"the hash state is {RequestValues.HashAlgorithmName(resumed.Algorithm)} but algorithm is {RequestValues.HashAlgorithmName(hash)}");
                }

                hash = resumed.Algorithm;
                inputBytes = resumed.BytesHashed;
                signature = signer.SignHashState(key, state.Value, new HashStateSignOptions { Armored = options.Armored, ExpiresAfter = options.ExpiresAfter, CreationTime = options.SignedAt });

                // The log's digest is of the file itself: the client's state finished as a plain hash, no trailer.
                digest = resumed.Finish();
            }
            else
            {
                var bytes = RequestValues.Base64(fieldName, fields.Get(Input));
                if (bytes.Failed)
                {
                    return bytes.Problem;
                }

                inputBytes = bytes.Value.Length;
                digest = options.LogOrigin is null ? [] : Digest(hash, bytes.Value);
                if (options.Clearsign)
                {
                    string text;
                    try
                    {
                        text = StrictUtf8.GetString(bytes.Value);
                    }
                    catch (DecoderFallbackException)
                    {
                        return Parsed<SignOutcome>.Invalid(fieldName, "must be UTF-8 text for mode clearsign");
                    }

                    var signedMessage = signer.SignCleartext(key, text, hash, options.SignedAt, options.ExpiresAfter);
                    var logEntry = options.LogOrigin is null ? null : LogEntryFor(
                        options, signing, hash, digest, Armor.Decode(signedMessage[signedMessage.IndexOf("-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal)..]), SignatureEntry.Cleartext);
                    return new SignOutcome("signed_message", signedMessage, hash, inputBytes, logEntry);
                }

                signature = signer.SignDetached(key, bytes.Value, new SignOptions { Hash = hash, Armored = options.Armored, TextMode = options.TextMode, ExpiresAfter = options.ExpiresAfter, CreationTime = options.SignedAt });
            }

            var binary = options.Armored && options.LogOrigin is not null ? Armor.Decode(Encoding.ASCII.GetString(signature)) : signature;
            var entry = LogEntryFor(options, signing, hash, digest, binary, options.TextMode ? SignatureEntry.Text : SignatureEntry.Binary);
            return new SignOutcome("signature", options.Armored ? Encoding.ASCII.GetString(signature) : Convert.ToBase64String(signature), hash, inputBytes, entry);
        }
        catch (OpenPgpException e)
        {
            return Parsed<SignOutcome>.Invalid(fieldName, e.Message);
        }
    }

    /// <summary>What the gate judges of an item: the field it came in, and its input or its hash state.</summary>
    private static (string Field, string? Input, string? HashState) GateInputs(FieldData fields) =>
        fields.TryGet(HashState, out var hashState) ? (HashState.Name, null, hashState)
            : (Input.Name, fields.TryGet(Input, out var input) ? input : null, null);

    /// <summary>Signs only what the gate let through, and remembers the verdict for the log.</summary>
    private static Parsed<SignOutcome> GatedSignOne(Parsed<GateVerdict> verdict, Func<Parsed<SignOutcome>> sign)
    {
        if (verdict.Failed)
        {
            return verdict.Problem;
        }

        var signed = sign();
        return signed.Failed ? signed : signed.Value with { Gate = verdict.Value };
    }

    /// <summary>The gate's entries for the signatures it let through, each naming its signature entry's index.</summary>
    private Task LogGatedAsync(IStorage storage, Dictionary<JsonObject, GateVerdict> gated, CancellationToken cancellationToken) =>
        gateEvents.RecordSignaturesAsync(
            storage,
            [.. gated.Where(g => g.Key["log_index"] is not null).Select(g => (g.Key["log_index"]!.GetValue<long>(), g.Value)).OrderBy(g => g.Item1)],
            cancellationToken);

    /// <summary>The item's log entry when the log is on, else null.</summary>
    private static byte[]? LogEntryFor(SignRequestOptions options, KeyInfo signing, HashAlgorithm hash, byte[] digest, byte[] packet, string type) =>
        options.LogOrigin is not { } origin ? null
            : SignatureEntry.For(origin, signing.Fingerprint, signing.SigningKeyFingerprint!, LogDigestName(hash), digest, packet, type, options.SignedAt!.Value).ToBytes();

    private static string LogDigestName(HashAlgorithm hash) => RequestValues.HashAlgorithmName(hash).Replace("sha2-", "sha", StringComparison.Ordinal);

    private static byte[] Digest(HashAlgorithm hash, byte[] data)
    {
        var digest = ResumableHash.Create(hash);
        digest.Append(data);
        return digest.Finish();
    }

    /// <summary>
    /// Appends the signatures' entries in one go and returns only once they are durable (fail closed: an error here
    /// fails the whole request, and no signature is returned). Adds log_index, and log_proof when asked, to each result.
    /// </summary>
    private async Task LogSignaturesAsync(
        IStorage storage, List<JsonObject> results, List<byte[]> entries, bool withProof, SigningTicket? ticket, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var commit = await transparency.AppendAsync(storage, entries, ticket, cancellationToken).ConfigureAwait(false);
        var proofs = withProof ? await TransparencyLog.ProofsAsync(storage, commit, entries, cancellationToken).ConfigureAwait(false) : null;
        for (var i = 0; i < results.Count; i++)
        {
            results[i]["log_index"] = commit.FirstIndex + i;
            if (proofs is not null)
            {
                results[i]["log_proof"] = proofs[i].ToString();
            }
        }
    }

    private async Task<Response?> VerifyAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var armored = RequestValues.IsArmored(Format.Name, data.Get(Format));
        if (armored.Failed)
        {
            return armored.Problem.ToResponse();
        }

        var found = await keys.RequireAsync(request, data.Get(Name), cancellationToken).ConfigureAwait(false);
        if (found.Failed)
        {
            return found.Problem.ToResponse();
        }

        var key = found.Value.Key;
        if (data.TryGet(VerifyBatch, out var batch))
        {
            var results = await BatchRunner.RunAsync(batch, item => VerifyOne(key, timeProvider, armored.Value, item), answer => answer, cancellationToken)
                .ConfigureAwait(false);
            return Response.WithData(new JsonObject { ["batch_results"] = new JsonArray(results) });
        }

        var single = VerifyOne(key, timeProvider, armored.Value, data);
        return single.Failed ? single.Problem.ToResponse() : Response.WithData(single.Value);
    }

    /// <summary>Verifies one item: the request itself or one batch entry, whose fields were validated alike (input with
    /// signature, or signed_message).</summary>
    private static Parsed<JsonObject> VerifyOne(OpenPgpKey key, TimeProvider timeProvider, bool armored, FieldData fields)
    {
        var hasSignedMessage = fields.TryGet(SignedMessage, out var signedMessage);
        try
        {
            VerificationResult result;
            if (hasSignedMessage)
            {
                result = SignatureVerifier.VerifyCleartext(key, signedMessage!, timeProvider);
            }
            else
            {
                var bytes = RequestValues.Base64(Input.Name, fields.Get(Input));
                if (bytes.Failed)
                {
                    return bytes.Problem;
                }

                var signatureBytes = RequestValues.Binary(Signature.Name, fields.Get(Signature), armored);
                if (signatureBytes.Failed)
                {
                    // A signature that does not decode is a signature that does not verify (200, as the Go plugin), not bad input.
                    return VerificationView.Malformed(signatureBytes.Problem.Message());
                }

                result = SignatureVerifier.VerifyDetached(key, bytes.Value, signatureBytes.Value, timeProvider);
            }

            return VerificationView.Describe(result);
        }
        catch (OpenPgpException e)
        {
            // Input bytes are never parsed, so a refusal is about the signature (or the signed message) that was sent.
            return Parsed<JsonObject>.Invalid(hasSignedMessage ? SignedMessage.Name : Signature.Name, e.Message);
        }
    }

    private static Parsed<SignRequestOptions> ParseSignOptions(FieldData data)
    {
        var algorithmGiven = data.TryGet(UrlAlgorithm, out var algorithmName) || data.TryGet(Algorithm, out algorithmName);
        var hash = RequestValues.HashAlgorithm(data.TryGet(UrlAlgorithm, out _) ? "algorithm in the URL" : Algorithm.Name, algorithmGiven ? algorithmName! : RequestValues.DefaultAlgorithm);
        if (hash.Failed)
        {
            return hash.Problem;
        }

        var armored = RequestValues.IsArmored(Format.Name, data.Get(Format));
        if (armored.Failed)
        {
            return armored.Problem;
        }

        var mode = data.Get(Mode);
        if (!Modes.Contains(mode))
        {
            return Parsed<SignRequestOptions>.Invalid($"unsupported mode \"{mode}\"; must be detached or clearsign");
        }

        var textMode = data.Get(TextMode);
        if (textMode && mode == Clearsign)
        {
            return Parsed<SignRequestOptions>.Invalid("text applies to detached signatures; clearsign is always text");
        }

        var expires = RequestValues.Lifetime(Expires.Name, data.Get(Expires));
        if (expires.Failed)
        {
            return expires.Problem;
        }

        return new SignRequestOptions(hash.Value, algorithmGiven, armored.Value, mode == Clearsign, textMode, expires.Value);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>One signed item: the signature (or signed message) and what the audit line needs.</summary>
    private sealed record SignOutcome(string Member, string Value, HashAlgorithm Hash, long InputBytes, byte[]? LogEntry, GateVerdict? Gate = null)
    {
        /// <param name="signing">The key's facts at the signing instant: the key that signed.</param>
        public JsonObject ToJson(KeyInfo signing) => new()
        {
            [Member] = Value,
            ["key_id"] = WireHex.Lower(signing.SigningKeyId),
            ["fingerprint"] = WireHex.Lower(signing.SigningKeyFingerprint),
            ["hash"] = RequestValues.HashAlgorithmName(Hash),
        };
    }

    // SignedAt: the request's instant, the signatures' creation time and the time validity is judged at.
    // LogOrigin: the transparency log's origin when the log is on, else null (no entries are made).
    private readonly record struct SignRequestOptions(HashAlgorithm Hash, bool AlgorithmGiven, bool Armored, bool Clearsign, bool TextMode, TimeSpan? ExpiresAfter, DateTimeOffset? SignedAt = null, string? LogOrigin = null);

    private const string SignSynopsis = "Sign data with a named key.";

    private const string SignDescription = """
        Signs input (base64) with the key's signing key and returns an OpenPGP v4 signature that gpg, gpgv, rpm, git and
        apt accept. mode=detached (the default) returns a detached signature in signature, base64 of the binary packet or
        ASCII-armored (format); mode=clearsign returns the cleartext-signed text in signed_message (an apt InRelease).

        Large files need not be sent: a client hashes the file with a resumable SHA-2, exports the state and sends it as
        hash_state. Vault appends the signature trailer itself (binary document type, its own creation time and
        subpackets), so this is exactly as safe as sending the bytes, and the signature verifies against the file.

        batch_input signs many items in one request, in parallel; each result carries signature (or error) and the
        item's reference, in input order. One bad item does not fail the batch.
        """;

    private const string VerifySynopsis = "Verify a signature with a named key.";

    private const string VerifyDescription = """
        Verifies a detached signature (signature, in the encoding given by format) over input (base64), or a
        cleartext-signed message (signed_message). valid is false when the signature is well-formed but does not verify
        with this key; malformed signatures are a 400. batch_input verifies many at once.
        """;
}
