using System.Text.Json.Nodes;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// Builds the bad-input sweep's requests for every operation of the engine's OpenAPI document: bad path parameters,
/// bad query strings, a wrong value for each declared field by its type (others as a good baseline), broken base64,
/// armor and packets for data fields, bad batch items, bodies that are not a JSON object, methods no path declares,
/// bodies over Vault's 32 MiB limit, requests carrying a known passphrase and secret key, and a random part from a
/// fixed seed. Deterministic: the same document gives the same requests in the same order.
/// </summary>
internal sealed class BadInputSweep(SweepContext context)
{
    /// <summary>Vault's default max_request_size; a body above it must be answered 413.</summary>
    public const int MaxRequestSize = 32 << 20;

    /// <summary>Fields that carry base64, armor or packets, beyond those whose description says so.</summary>
    private static readonly HashSet<string> DataFields = new(StringComparer.Ordinal)
    {
        "input", "signature", "signed_message", "ciphertext", "hash_state", "key", "signer_key",
    };

    /// <summary>Fields of one exclusive group with input: the baseline drops input and signature when one is swept.</summary>
    private static readonly HashSet<string> InsteadOfInput = new(StringComparer.Ordinal) { "hash_state", "batch_input", "signed_message" };

    private int _fresh;

    public IReadOnlyList<SweepRequest> Build(IReadOnlyList<SweepOperation> operations)
    {
        var requests = new List<SweepRequest>();
        foreach (var operation in operations)
        {
            requests.AddRange(BadPathParameters(operation));
            if (operation.Method == "POST")
            {
                requests.AddRange(WrongTypes(operation));
                requests.AddRange(BadData(operation));
                requests.AddRange(BadBodies(operation));
                requests.AddRange(CarryingThePassphrase(operation));
            }
            else
            {
                requests.AddRange(BadQueries(operation));
            }
        }

        requests.AddRange(UndeclaredMethods(operations));
        requests.AddRange(OverTheSizeLimit(operations));
        requests.AddRange(RandomMutations(operations, count: 200));
        return requests;
    }

    private IEnumerable<SweepRequest> BadPathParameters(SweepOperation operation)
    {
        foreach (var parameter in operation.PathParameters)
        {
            foreach (var segment in SweepValues.BadPathSegments)
            {
                var notUtf8 = segment.Contains("%FF", StringComparison.Ordinal) || segment.Contains("%C0%AF", StringComparison.Ordinal)
                    || segment.Contains("%ED%A0%80", StringComparison.Ordinal);
                yield return new SweepRequest(
                    operation.Method,
                    Path(operation, new Dictionary<string, string> { [parameter] = segment }),
                    operation.Method == "POST" ? Body(operation, null) : null,
                    operation.Template,
                    $"path parameter {parameter}",
                    ExpectedStatus: notUtf8 ? 400 : null);
            }
        }
    }

    private IEnumerable<SweepRequest> BadQueries(SweepOperation operation) =>
        SweepValues.BadQueries(context.Passphrase).Select(query => new SweepRequest(
            operation.Method, Path(operation) + query, null, operation.Template, "query"));

    private IEnumerable<SweepRequest> WrongTypes(SweepOperation operation)
    {
        foreach (var (field, schema) in operation.Fields)
        {
            foreach (var value in WrongValuesFor(field, schema))
            {
                yield return Post(operation, $"wrong value for {field}", (field, value));
            }
        }
    }

    private IEnumerable<SweepRequest> BadData(SweepOperation operation)
    {
        var armored = operation.Fields.ContainsKey("format");
        var random = new Random(SweepValues.Seed);
        foreach (var (field, schema) in operation.Fields.Where(f => IsDataField(f.Key, f.Value)))
        {
            foreach (var value in SweepValues.BadBase64.Concat(SweepValues.BadArmor))
            {
                yield return Post(operation, $"bad data in {field}", (field, value));
            }

            var packets = SweepValues.BadPackets()
                .Concat(SweepValues.RandomPackets(random, 10))
                .Concat(SweepValues.DamagedCopies(context.GoodSignature));
            foreach (var packet in packets)
            {
                yield return Post(operation, $"bad packets in {field}", (field, SweepValues.Json(Convert.ToBase64String(packet))));
                if (armored)
                {
                    yield return Post(
                        operation, $"bad packets in armored {field}", (field, SweepValues.Json(Armor(field, packet))), ("format", "\"ascii-armor\""));
                }
            }
        }
    }

    private IEnumerable<SweepRequest> BadBodies(SweepOperation operation)
    {
        foreach (var (name, body, contentType) in SweepValues.BadBodies())
        {
            if (KeepsKeyGenerationCheap(operation, body, contentType) is { } cheap)
            {
                yield return new SweepRequest("POST", Path(operation), cheap, operation.Template, $"body: {name}", contentType);
            }
        }
    }

    /// <summary>
    /// Where a key is generated, a body the server reads as an object (or as no data) gets the cheap key type, since a
    /// missing one means RSA, seconds of work each; an empty body there is left out (the other operations get it).
    /// </summary>
    private static byte[]? KeepsKeyGenerationCheap(SweepOperation operation, byte[] body, string contentType)
    {
        if (!operation.Fields.ContainsKey("key_type"))
        {
            return body;
        }

        var text = System.Text.Encoding.UTF8.GetString(body);
        return text.TrimStart() switch
        {
            "" => null,
            _ when contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) => SweepRequest.Utf8("key_type=ed25519&" + text),
            ['{', ..] => [.. SweepRequest.Utf8("{\"key_type\":\"ed25519\","), .. body.AsSpan(body.AsSpan().IndexOf((byte)'{') + 1)],
            _ => body,
        };
    }

    /// <summary>The passphrase (and, where a key is imported, the secret key it protects) with one other thing wrong.</summary>
    private IEnumerable<SweepRequest> CarryingThePassphrase(SweepOperation operation)
    {
        if (!operation.Fields.ContainsKey("passphrase"))
        {
            yield break;
        }

        var passphrase = SweepValues.Json(context.Passphrase);
        (string, string)[] import = operation.Fields.ContainsKey("key")
            ? [("generate", "false"), ("key", SweepValues.Json(context.EncryptedKeyArmor))]
            : [];
        foreach (var (field, schema) in operation.Fields.Where(f => f.Key is not ("passphrase" or "key" or "generate")))
        {
            foreach (var value in WrongValuesFor(field, schema).Take(6))
            {
                yield return Post(operation, $"passphrase with a wrong {field}", [.. import, ("passphrase", passphrase), (field, value)]);
            }
        }

        string[] wrongPassphrases =
        [
            $"[{passphrase}]", $"{{\"p\":{passphrase}}}", SweepValues.Json(context.Passphrase + "\u0000"),
            SweepValues.Json("x" + context.Passphrase), SweepValues.Json(context.Passphrase + "\u202e"),
        ];
        foreach (var wrong in wrongPassphrases)
        {
            yield return Post(operation, "wrong passphrase", [.. import, ("passphrase", wrong)]);
        }

        if (import.Length > 0)
        {
            var armor = context.EncryptedKeyArmor;
            var middle = armor.Length / 2;
            var damaged = armor[..middle] + (armor[middle] == 'A' ? 'B' : 'A') + armor[(middle + 1)..];
            yield return Post(operation, "damaged secret key with its passphrase",
                ("generate", "false"), ("key", SweepValues.Json(damaged)), ("passphrase", passphrase));
            yield return Post(operation, "secret key cut short with its passphrase",
                ("generate", "false"), ("key", SweepValues.Json(armor[..middle])), ("passphrase", passphrase));
            yield return Post(operation, "secret key without its passphrase", ("generate", "false"), ("key", SweepValues.Json(armor)));
        }
    }

    /// <summary>Methods and content types nothing declares, once per path.</summary>
    private IEnumerable<SweepRequest> UndeclaredMethods(IReadOnlyList<SweepOperation> operations)
    {
        foreach (var operation in operations.DistinctBy(o => o.Template))
        {
            var path = Path(operation);
            yield return new SweepRequest("PATCH", path, SweepRequest.Utf8("{\"x\":1}"), operation.Template, "patch", "application/merge-patch+json");
            yield return new SweepRequest("PATCH", path, SweepRequest.Utf8("{}"), operation.Template, "patch without merge-patch");
            yield return new SweepRequest("PUT", path, SweepRequest.Utf8("{\"key_type\":\"ed25519\",\"\":null}"), operation.Template, "put");
            yield return new SweepRequest("HEAD", path, null, operation.Template, "head");
            yield return new SweepRequest("OPTIONS", path, null, operation.Template, "options");
            yield return new SweepRequest("TRACE", path, null, operation.Template, "trace");
        }
    }

    private IEnumerable<SweepRequest> OverTheSizeLimit(IReadOnlyList<SweepOperation> operations)
    {
        foreach (var operation in operations.Where(o => o.Method == "POST").Take(2))
        {
            // A JSON string member that runs past the limit: the decoder is still reading when the limit is hit.
            var body = new byte[MaxRequestSize + (1 << 20)];
            Array.Fill(body, (byte)'A');
            "{\"input\":\""u8.CopyTo(body);
            "\"}"u8.CopyTo(body.AsSpan(body.Length - 2));
            yield return new SweepRequest("POST", Path(operation), body, operation.Template, "body over 32 MiB", ExpectedStatus: 413);
        }
    }

    private IEnumerable<SweepRequest> RandomMutations(IReadOnlyList<SweepOperation> operations, int count)
    {
        var random = new Random(SweepValues.Seed);
        var posts = operations.Where(o => o.Method == "POST" && o.Fields.Count > 0).ToList();
        string[] pool =
        [
            .. SweepValues.NotAString, .. SweepValues.NotAnInteger, .. SweepValues.NotADuration, .. SweepValues.NotABoolean,
            .. SweepValues.BadBase64, .. SweepValues.BadBatches.Where(b => b.Length < 10_000),
        ];
        for (var i = 0; i < count && posts.Count > 0; i++)
        {
            var operation = posts[random.Next(posts.Count)];
            var fields = operation.Fields.Keys.Where(f => f != "key_type").ToList();
            var changes = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => (fields[random.Next(fields.Count)], pool[random.Next(pool.Length)]))
                .DistinctBy(c => c.Item1)
                .ToArray();
            yield return Post(operation, $"random #{i}", changes);
        }
    }

    private static IEnumerable<string> WrongValuesFor(string field, JsonObject schema)
    {
        var type = (string?)schema["type"];
        var values = (type, (string?)schema["format"], (string?)schema["items"]?["type"]) switch
        {
            ("integer", _, _) => SweepValues.NotAnInteger.AsEnumerable(),
            ("boolean", _, _) => SweepValues.NotABoolean,
            ("string", "duration", _) => SweepValues.NotADuration,
            ("string", _, _) => SweepValues.NotAString.Concat(SweepValues.HostileStrings),
            ("array", _, "object") => SweepValues.BadBatches,
            ("array", _, _) => SweepValues.NotAStringList,
            ("object", _, _) => SweepValues.NotAMap,
            _ => SweepValues.NotAString,
        };

        // A missing key type means RSA, whose generation takes seconds: null is swept on every other field.
        return field == "key_type" ? values.Where(v => v != "null") : values;
    }

    private static bool IsDataField(string field, JsonObject schema) =>
        (string?)schema["type"] == "string" && schema["enum"] is null
        && (DataFields.Contains(field)
            || ((string?)schema["description"] ?? "").Contains("base64", StringComparison.OrdinalIgnoreCase)
            || ((string?)schema["description"] ?? "").Contains("armor", StringComparison.OrdinalIgnoreCase));

    private SweepRequest Post(SweepOperation operation, string kind, params (string Field, string Json)[] changes) =>
        new("POST", Path(operation), Body(operation, changes), operation.Template, kind);

    /// <summary>A body of the baseline values the operation declares, with <paramref name="changes"/> put over them.</summary>
    private byte[] Body(SweepOperation operation, (string Field, string Json)[]? changes)
    {
        var members = new List<(string Field, string Json)>();
        var changed = changes?.Select(c => c.Field).ToHashSet(StringComparer.Ordinal) ?? [];
        var dropInput = changed.Overlaps(InsteadOfInput);
        foreach (var (field, value) in Baseline())
        {
            if (operation.Fields.ContainsKey(field) && !changed.Contains(field) && !(dropInput && field is "input" or "signature"))
            {
                members.Add((field, value));
            }
        }

        members.AddRange(changes ?? []);
        return SweepRequest.Utf8("{" + string.Join(",", members.Select(m => SweepValues.Json(m.Field) + ":" + m.Json)) + "}");
    }

    /// <summary>Good values by field name, so that the field under test is the only thing wrong.</summary>
    private IEnumerable<(string Field, string Json)> Baseline() =>
    [
        ("key_type", "\"ed25519\""),
        ("real_name", "\"Sweep\""),
        ("input", SweepValues.Json(SweepContext.GoodInput)),
        ("signature", SweepValues.Json(Convert.ToBase64String(context.GoodSignature))),
        ("ciphertext", SweepValues.Json(SweepContext.GoodInput)),
    ];

    /// <summary>The operation's path with its parameters filled: the given ones, else a good value.</summary>
    private string Path(SweepOperation operation, IReadOnlyDictionary<string, string>? given = null)
    {
        var path = operation.Template.TrimStart('/');
        foreach (var parameter in operation.PathParameters)
        {
            var value = given?.GetValueOrDefault(parameter) ?? parameter switch
            {
                "name" when operation.Creates && operation.Method == "POST" => $"sweep-{++_fresh:D5}",
                "name" when operation.Template.EndsWith("/config", StringComparison.Ordinal) => context.ConfigTarget,
                "name" => context.Target,
                "urlalgorithm" => "sha2-256",
                "key_id" => "0123456789abcdef",
                _ => "x",
            };
            path = path.Replace("{" + parameter + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private static string Armor(string field, byte[] packets)
    {
        var label = field switch
        {
            "ciphertext" => "PGP MESSAGE",
            "key" => "PGP PRIVATE KEY BLOCK",
            "signer_key" => "PGP PUBLIC KEY BLOCK",
            _ => "PGP SIGNATURE",
        };
        var body = Convert.ToBase64String(packets, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal);
        return $"-----BEGIN {label}-----\n\n{body}\n-----END {label}-----\n";
    }
}
