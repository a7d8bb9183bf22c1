using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Keys;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Paths;

/// <summary><c>sign/:name(/:algorithm)</c> and <c>verify/:name</c>: detached and cleartext signatures, single or batched.</summary>
internal sealed class PathSignVerify(KeyStore keys, OpenPgpSigner signer, TimeProvider timeProvider, ILogger<PathSignVerify> log)
{
    /// <summary>The most items one batch request may carry; a larger set is split by the client.</summary>
    public const int MaxBatchItems = 5000;

    private const string Detached = "detached";
    private const string Clearsign = "clearsign";
    private static readonly IReadOnlyList<string> Modes = [Detached, Clearsign];

    private static readonly FieldSchema<string> Name = PathKeys.Name;

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
        "(see the hash-state encoding in the API reference). Detached mode only.");

    private static readonly FieldSchema<TimeSpan> Expires = Field.DurationSeconds(
        "expires",
        "Lifetime of the signature, in seconds or as a duration such as 8760h, after which verifiers report it expired; " +
        "0 means it never expires. Default: 0 (the Go plugin defaults to one year).");

    private static readonly FieldSchema<IReadOnlyList<JsonObject>> BatchInput = Field.ObjectList(
        "batch_input",
        "Sign or verify many items in one request: a list of objects, each with input (or hash_state, or for verify " +
        "signature / signed_message) and an optional reference echoed in its result. At most 5000 items.");

    private static readonly FieldSchema<string> Signature = Field.String(
        "signature", "The detached signature to verify, in the encoding given by format.");

    private static readonly FieldSchema<string> SignedMessage = Field.String(
        "signed_message", "A cleartext-signed message to verify, instead of input and signature.");

    public static PathDefinition[] Define(PathSignVerify h) =>
    [
        new("sign/" + PathPatterns.Name(Name) + PathPatterns.Optional(UrlAlgorithm))
        {
            Fields = [Name, UrlAlgorithm, Algorithm, Input, Format, Mode, TextMode, HashState, Expires, BatchInput],
            Operations = { [Operation.Update] = new(h.SignAsync) { Summary = "Sign data with a named key." } },
            HelpSynopsis = SignSynopsis,
            HelpDescription = SignDescription,
        },
        new("verify/" + PathPatterns.Name(Name))
        {
            Fields = [Name, Input, Signature, SignedMessage, Format, BatchInput],
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
            return options.Error;
        }

        var found = await keys.RequireAsync(request, name, cancellationToken).ConfigureAwait(false);
        if (found.Failed)
        {
            return found.Error;
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
        options = options.Value with
        {
            SignedAt = now,
            Hash = options.Value.AlgorithmGiven ? options.Value.Hash : RequestValues.DefaultHashFor(signing),
        };
        var hashName = RequestValues.HashAlgorithmName(options.Value.Hash);
        var mode = options.Value.Clearsign ? Clearsign : Detached;

        if (data.TryGet(BatchInput, out var batch))
        {
            if (data.TryGet(Input, out _) || data.TryGet(HashState, out _))
            {
                return Response.InvalidRequest("batch_input cannot be combined with input or hash_state");
            }

            var items = CheckBatch(batch);
            if (items is not null)
            {
                return items;
            }

            var results = await RunBatchAsync(
                    batch,
                    (item, itemName) => SignOne(key, options.Value, StringMember(item, Input.Name), StringMember(item, HashState.Name), itemName).ToJson(signing),
                    cancellationToken)
                .ConfigureAwait(false);
            var failed = results.Count(r => r.ContainsKey("error"));
            EngineLog.SignedBatch(log, name, signingKeyId, hashName, mode, batch.Count, failed, request.Id);
            return Response.WithData(new JsonObject { ["batch_results"] = new JsonArray(results) });
        }

        var hasInput = data.TryGet(Input, out var input);
        var hasState = data.TryGet(HashState, out var state);
        if (hasInput == hasState)
        {
            return Response.InvalidRequest(hasInput
                ? "input and hash_state cannot both be given; send one"
                : "missing input to sign: send input (base64), hash_state or batch_input");
        }

        var single = SignOne(key, options.Value, hasInput ? input : null, hasState ? state : null, hasInput ? Input.Name : HashState.Name);
        if (single.Error is not null)
        {
            return Response.InvalidRequest(single.Error);
        }

        var hashUsed = RequestValues.HashAlgorithmName(single.Hash);
        EngineLog.Signed(log, name, signingKeyId, hashUsed, mode, single.InputBytes, request.Id);
        return Response.WithData(single.ToJson(signing));
    }

    /// <summary>Signs one item (the single request or one batch entry). User errors come back in the outcome, not as exceptions.</summary>
    private SignOutcome SignOne(OpenPgpKey key, SignRequestOptions options, string? input, string? hashState, string fieldName)
    {
        try
        {
            byte[] signature;
            long inputBytes;
            var hash = options.Hash;
            if (hashState is not null)
            {
                if (options.Clearsign)
                {
                    return SignOutcome.Failed($"{fieldName}: hash_state cannot be used with mode clearsign");
                }

                var state = RequestValues.Base64(fieldName, hashState);
                if (state.Failed)
                {
                    return SignOutcome.Failed(state.Error.Data!["error"]!.GetValue<string>());
                }

                var resumed = ResumableHash.Import(state.Value);
                if (options.AlgorithmGiven && resumed.Algorithm != hash)
                {
                    return SignOutcome.Failed($"{fieldName}: the hash state is {RequestValues.HashAlgorithmName(resumed.Algorithm)} but algorithm is {RequestValues.HashAlgorithmName(hash)}");
                }

                hash = resumed.Algorithm;
                inputBytes = resumed.BytesHashed;
                signature = signer.SignHashState(key, state.Value, new HashStateSignOptions { Armored = options.Armored, ExpiresAfter = options.ExpiresAfter, CreationTime = options.SignedAt });
            }
            else
            {
                var bytes = RequestValues.Base64(fieldName, input ?? "");
                if (bytes.Failed)
                {
                    return SignOutcome.Failed(bytes.Error.Data!["error"]!.GetValue<string>());
                }

                inputBytes = bytes.Value.Length;
                if (options.Clearsign)
                {
                    string text;
                    try
                    {
                        text = StrictUtf8.GetString(bytes.Value);
                    }
                    catch (DecoderFallbackException)
                    {
                        return SignOutcome.Failed($"{fieldName} must be UTF-8 text for mode clearsign");
                    }

                    return new SignOutcome(null, "signed_message", signer.SignCleartext(key, text, hash, options.SignedAt, options.ExpiresAfter), hash, inputBytes);
                }

                signature = signer.SignDetached(key, bytes.Value, new SignOptions { Hash = hash, Armored = options.Armored, TextMode = options.TextMode, ExpiresAfter = options.ExpiresAfter, CreationTime = options.SignedAt });
            }

            return new SignOutcome(null, "signature", options.Armored ? Encoding.ASCII.GetString(signature) : Convert.ToBase64String(signature), hash, inputBytes);
        }
        catch (OpenPgpException e)
        {
            return SignOutcome.Failed($"{fieldName}: {e.Message}");
        }
    }

    private async Task<Response?> VerifyAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var armored = RequestValues.IsArmored(Format.Name, data.Get(Format));
        if (armored.Failed)
        {
            return armored.Error;
        }

        var found = await keys.RequireAsync(request, data.Get(Name), cancellationToken).ConfigureAwait(false);
        if (found.Failed)
        {
            return found.Error;
        }

        var key = found.Value.Key;
        if (data.TryGet(BatchInput, out var batch))
        {
            if (data.TryGet(Input, out _) || data.TryGet(Signature, out _) || data.TryGet(SignedMessage, out _))
            {
                return Response.InvalidRequest("batch_input cannot be combined with input, signature or signed_message");
            }

            var items = CheckBatch(batch);
            if (items is not null)
            {
                return items;
            }

            var results = await RunBatchAsync(
                    batch,
                    (item, itemName) => VerifyOne(
                        key, timeProvider, armored.Value, StringMember(item, Input.Name), StringMember(item, Signature.Name), StringMember(item, SignedMessage.Name), itemName),
                    cancellationToken)
                .ConfigureAwait(false);
            return Response.WithData(new JsonObject { ["batch_results"] = new JsonArray(results) });
        }

        var single = VerifyOne(
            key,
            timeProvider,
            armored.Value,
            data.TryGet(Input, out var input) ? input : null,
            data.TryGet(Signature, out var signature) ? signature : null,
            data.TryGet(SignedMessage, out var signedMessage) ? signedMessage : null,
            null);
        return single["error"] is { } error ? Response.InvalidRequest(error.GetValue<string>()) : Response.WithData(single);
    }

    private static JsonObject VerifyOne(OpenPgpKey key, TimeProvider timeProvider, bool armored, string? input, string? signature, string? signedMessage, string? itemName)
    {
        string Named(string field) => itemName is null ? field : $"{itemName}.{field}";
        try
        {
            VerificationResult result;
            if (signedMessage is not null)
            {
                if (input is not null || signature is not null)
                {
                    return Error($"{Named(SignedMessage.Name)} cannot be combined with input or signature");
                }

                result = SignatureVerifier.VerifyCleartext(key, signedMessage, timeProvider);
            }
            else
            {
                if (input is null || signature is null)
                {
                    return Error(input is null ? $"missing {Named(Input.Name)}" : $"missing {Named(Signature.Name)}");
                }

                var bytes = RequestValues.Base64(Named(Input.Name), input);
                if (bytes.Failed)
                {
                    return Error(bytes.Error.Data!["error"]!.GetValue<string>());
                }

                var signatureBytes = RequestValues.Binary(Named(Signature.Name), signature, armored);
                if (signatureBytes.Failed)
                {
                    // A signature that does not decode is a signature that does not verify (200, as the Go plugin), not bad input.
                    return VerificationView.Malformed(signatureBytes.Error.Data!["error"]!.GetValue<string>());
                }

                result = SignatureVerifier.VerifyDetached(key, bytes.Value, signatureBytes.Value, timeProvider);
            }

            return VerificationView.Describe(result);
        }
        catch (OpenPgpException e)
        {
            // Input bytes are never parsed, so a refusal is about the signature (or the signed message) that was sent.
            return Error($"{Named(signedMessage is not null ? SignedMessage.Name : Signature.Name)}: {e.Message}");
        }
    }

    private static Parsed<SignRequestOptions> ParseSignOptions(FieldData data)
    {
        var algorithmGiven = data.TryGet(UrlAlgorithm, out var algorithmName) || data.TryGet(Algorithm, out algorithmName);
        var hash = RequestValues.HashAlgorithm(data.TryGet(UrlAlgorithm, out _) ? "algorithm in the URL" : Algorithm.Name, algorithmGiven ? algorithmName! : RequestValues.DefaultAlgorithm);
        if (hash.Failed)
        {
            return new(default, hash.Error);
        }

        var armored = RequestValues.IsArmored(Format.Name, data.Get(Format));
        if (armored.Failed)
        {
            return new(default, armored.Error);
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

        var expires = data.Get(Expires);
        if (expires < TimeSpan.Zero)
        {
            return Parsed<SignRequestOptions>.Invalid($"expires must be 0 (never) or a positive number of seconds, not {expires.TotalSeconds}");
        }

        return new SignRequestOptions(hash.Value, algorithmGiven, armored.Value, mode == Clearsign, textMode, expires);
    }

    private static Response? CheckBatch(IReadOnlyList<JsonObject> batch) => batch.Count switch
    {
        0 => Response.InvalidRequest("batch_input is empty"),
        > MaxBatchItems => Response.InvalidRequest($"batch_input has {batch.Count} items; at most {MaxBatchItems} are allowed per request"),
        _ => null,
    };

    private static string? StringMember(JsonObject item, string name) =>
        item[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// Runs one item function over a batch on every core (signing is CPU-bound) and returns the results in input
    /// order, each carrying its item's reference. Item functions report user errors in their result, never by throwing.
    /// </summary>
    private static async Task<JsonObject[]> RunBatchAsync(
        IReadOnlyList<JsonObject> batch, Func<JsonObject, string, JsonObject> process, CancellationToken cancellationToken)
    {
        var results = new JsonObject[batch.Count];
        await Parallel.ForEachAsync(
                Enumerable.Range(0, batch.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                (i, _) =>
                {
                    var result = process(batch[i], $"batch_input[{i}]");
                    if (batch[i]["reference"] is { } reference)
                    {
                        result["reference"] = reference.DeepClone();
                    }

                    results[i] = result;
                    return ValueTask.CompletedTask;
                })
            .ConfigureAwait(false);
        return results;
    }

    private static JsonObject Error(string message) => new() { ["error"] = message };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>One signed item: the signature (or signed message) and what the audit line needs, or a user error.</summary>
    private readonly record struct SignOutcome(string? Error, string Member, string Value, HashAlgorithm Hash, long InputBytes)
    {
        public static SignOutcome Failed(string error) => new(error, "", "", default, 0);

        /// <param name="signing">The key's facts at the signing instant: the key that signed.</param>
        public JsonObject ToJson(KeyInfo signing) => Error is not null
            ? new JsonObject { ["error"] = Error }
            : new JsonObject
            {
                [Member] = Value,
                ["key_id"] = signing.SigningKeyId,
                ["fingerprint"] = signing.SigningKeyFingerprint,
                ["hash"] = RequestValues.HashAlgorithmName(Hash),
            };
    }

    // SignedAt: the request's instant, the signatures' creation time and the time validity is judged at.
    private readonly record struct SignRequestOptions(HashAlgorithm Hash, bool AlgorithmGiven, bool Armored, bool Clearsign, bool TextMode, TimeSpan ExpiresAfter, DateTimeOffset? SignedAt = null);

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
