using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// The bad values of the sweep, as raw JSON text so that each reaches the server exactly as written (1e400, numbers
/// past 64 bits, lone surrogates, duplicate members): wrong types per declared field type, overflows, control and
/// bidi characters, invalid base64, broken armor and crafted OpenPGP packets. A fixed table; the only random part is
/// drawn from a fixed seed.
/// </summary>
internal static class SweepValues
{
    public const int Seed = 20261129;

    /// <summary>A long string (1 MiB) where a short one is expected.</summary>
    public static readonly string HugeString = Json(new string('A', 1 << 20));

    private static readonly JsonSerializerOptions RawUnicode = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly ImmutableArray<string> NotAString =
    [
        "12", "-1", "1.5", "1e400", "-1e400", "true", "false", "[]", """["x"]""", "{}", """{"a":"b"}""", "null",
        "1000000000000", "-1000000000000", "99999999999999999999999",
    ];

    public static readonly ImmutableArray<string> HostileStrings =
    [
        "\"\"", HugeString, "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u0001\\u001b[31m\\u007f\\u0085\"", Json("\u202egnp.exe"),
        Json("\u2066x\u2069\u200f\u061c"), "\"\\ufeff\"", "\"\\ud800\"", "\"\\udc00x\\ud800\"", Json("../../../etc/passwd"),
        Json("%2e%2e/%FF%FE"), Json("a..b"), Json(new string('\u0301', 4096)), Json("\r\n\r\nHTTP/1.1 200 OK"),
    ];

    public static readonly ImmutableArray<string> NotAnInteger =
    [
        "\"x\"", "\"\"", "true", "[]", "{}", "null", "1e400", "-1e400", "1000000000000", "-1000000000000",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999999", "1.5", "-0.0", "\"1e400\"", "\"0x10\"",
        "\"1000000000000\"", "\"-1000000000000\"", "\"\\u0000\"", "\"12\\u0000\"", "[12]",
    ];

    public static readonly ImmutableArray<string> NotADuration =
    [
        .. NotAnInteger,
        "\"1000000000000h\"", "\"-1000000000000s\"", "\"9223372036854775807\"", "\"9223372036854775808s\"", "\"1e400s\"",
        "\"P1D\"", "\"1h-\"", "\"100000000000000000000000000000m\"", "\"-5m\"", "\"1.5.5h\"", Json("\u202e1h"),
        "\"2562047h47m16.854775808s\"", "\"1000000000000000000ns\"",
    ];

    public static readonly ImmutableArray<string> NotABoolean =
    [
        "\"x\"", "\"\"", "2", "-1", "1.5", "[]", "{}", "null", "\"yes\"", "1e400", "[true]", "\"\\u0000\"", "\"true\\u0000\"",
    ];

    public static readonly ImmutableArray<string> NotAStringList =
    [
        "\"x\"", "1", "true", "{}", "[1]", "[null]", "[[]]", "[{}]", "[\"\\u0000\"]", "null", "\"sign,encrypt,\\u0000,\"",
        "[" + string.Join(",", Enumerable.Repeat("\"sign\"", 10000)) + "]",
    ];

    public static readonly ImmutableArray<string> NotAMap = ["\"x\"", "1", "[]", "{\"a\":{\"b\":[]}}", "null", "true"];

    /// <summary>Bad batch item lists, for any array-of-objects field.</summary>
    public static readonly ImmutableArray<string> BadBatches =
    [
        "\"x\"", "1", "true", "{}", "null", "[1]", "[\"x\"]", "[null]", "[[]]", "[{}]", "[{},{},{}]",
        """[{"inptu":"aGVsbG8="}]""", """[{"input":"aGVsbG8=","hash_state":"AAAA"}]""", """[{"input":12}]""",
        """[{"input":true}]""", """[{"input":["aGVsbG8="]}]""", """[{"input":{"a":1}}]""", """[{"input":null}]""",
        """[{"input":"!!!"}]""", """[{"input":"aGVsbG8=","reference":{}}]""", """[{"input":"aGVsbG8=","reference":[1]}]""",
        """[{"input":"aGVsbG8=","reference":1e400}]""", """[{"batch_input":[{}]}]""", """[{"input":"aGVsbG8=","signature":12}]""",
        """[{"input":"aGVsbG8=","signature":"!!"}]""", """[{"signed_message":{}}]""", """[{"input":"aGVsbG8=","mode":"clearsign"}]""",
        """[{"hash_state":"AAAA"}]""", """[{"hash_state":12}]""", """[{"input":"aGVsbG8="},5]""",
        """[{"input":"aGVsbG8=","input":12}]""", """[{"ciphertext":"aGVsbG8="}]""", """[{"input":"aGVsbG8=","\u0000":1}]""",
        "[{\"input\":" + HugeString + "}]",
    ];

    /// <summary>Bodies (fresh arrays at each call) that are not a JSON object, or not JSON, or JSON Go's decoder refuses.</summary>
    public static ImmutableArray<(string Name, byte[] Body, string ContentType)> BadBodies() =>
    [
        ("empty", [], "application/json"),
        ("spaces", SweepRequest.Utf8("   \n\t "), "application/json"),
        ("not json", SweepRequest.Utf8("not json at all"), "application/json"),
        ("array", SweepRequest.Utf8("[1,2,3]"), "application/json"),
        ("string", SweepRequest.Utf8("\"a string\""), "application/json"),
        ("null", SweepRequest.Utf8("null"), "application/json"),
        ("number", SweepRequest.Utf8("1e400"), "application/json"),
        ("truncated", SweepRequest.Utf8("{\"input\":"), "application/json"),
        ("trailing garbage", SweepRequest.Utf8("{\"input\":\"aGVsbG8=\"}}}garbage"), "application/json"),
        ("deep nesting", SweepRequest.Utf8(new string('[', 100_000) + new string(']', 100_000)), "application/json"),
        ("deep object", SweepRequest.Utf8("{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 20_000)) + "1" + new string('}', 20_001)), "application/json"),
        ("nesting Go accepts but is deep", SweepRequest.Utf8("{\"input\":" + new string('[', 1000) + new string(']', 1000) + "}"), "application/json"),
        ("nested objects Go accepts", SweepRequest.Utf8("{\"batch_input\":[" + string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500) + "]}"), "application/json"),
        ("byte order mark", [0xEF, 0xBB, 0xBF, .. SweepRequest.Utf8("{}")], "application/json"),
        ("utf-16", [0xFF, 0xFE, (byte)'{', 0, (byte)'}', 0], "application/json"),
        ("invalid utf-8 in a string", [.. SweepRequest.Utf8("{\"input\":\""), 0xFF, 0xFE, 0xC0, 0xAF, .. SweepRequest.Utf8("\"}")], "application/json"),
        ("raw control characters", SweepRequest.Utf8("{\"input\":\"a\u0000\u0001\nb\"}"), "application/json"),
        ("duplicate members", SweepRequest.Utf8("{\"input\":\"aGVsbG8=\",\"input\":12}"), "application/json"),
        ("nul bytes", [0, 0, 0, 0], "application/octet-stream"),
        ("form", SweepRequest.Utf8("input=aGVsbG8%3D&input=x&%FF=%00"), "application/x-www-form-urlencoded"),
        ("form with bad escapes", SweepRequest.Utf8("input=%ZZ&a"), "application/x-www-form-urlencoded"),
        ("json as text/plain", SweepRequest.Utf8("{\"input\":12}"), "text/plain"),
        ("bad content type", SweepRequest.Utf8("{}"), "application/json; charset=\""),
        ("multipart", SweepRequest.Utf8("--x\r\n\r\n{}\r\n--x--"), "multipart/form-data; boundary=x"),
    ];

    /// <summary>Path parameter values: traversal, escapes that decode to non-UTF-8 or controls, bidi, overlong.</summary>
    public static readonly ImmutableArray<string> BadPathSegments =
    [
        "a..b", "..", "...", "a..", "..a", "%2e%2e", "%2E%2E%2Fkeys", "a%2F..%2Fb", "%FF%FE", "a%C0%AF", "%ED%A0%80", "a%00b", "%00",
        "a%0Ab", "a%0D%0AX-Injected:%201", "%1B%5B31m", "%E2%80%AEfdp.exe", "a%E2%80%8Bb", "%EF%BB%BFa", "a%20b", "a%2Fb",
        "%C3%A9t%C3%A9", "-a", ".a", "a.", "_", "a%3Bb", "a%25b", "*", "a%3F", new string('a', 256), new string('a', 257),
        new string('a', 5000), string.Concat(Enumerable.Repeat("%E2%80%AE", 100)),
    ];

    /// <summary>Query strings for reads, deletes and lists.</summary>
    public static ImmutableArray<string> BadQueries(string passphrase) =>
    [
        "?list=maybe", "?list=%FF", "?a=%00", "?%FF=1", "?help=%FF", "?a=1&a=2&a=3", "?name=..%2F..", "?x=" + new string('q', 8192),
        "?passphrase=" + Uri.EscapeDataString(passphrase), "?expires=1e400", "?format=%E2%80%AE",
    ];

    /// <summary>Strings that are not base64, or base64 the engine should not be lenient about.</summary>
    public static readonly ImmutableArray<string> BadBase64 =
    [
        "\"!!!\"", "\"aGVsbG8\"", "\"aGVsbG8=\\n\"", "\"aGVs bG8=\"", "\"====\"", "\"AAAA====\"", "\"QQ==QQ==\"", "\"-_-_\"",
        Json("aGVsbG8=" + new string(' ', 1000)), "\"\\u0000AAA\"", "\"A\"", "\"AB\"", "\"ABC\"", "\"YQ\\u0000==\"",
    ];

    /// <summary>ASCII armor that is broken in one way each.</summary>
    public static readonly ImmutableArray<string> BadArmor =
    [
        Json("-----BEGIN PGP SIGNATURE-----\n\n-----END PGP SIGNATURE-----\n"),
        Json("-----BEGIN PGP SIGNATURE-----\n\nAAAA\n=AAAA\n-----END PGP SIGNATURE-----\n"),
        Json("-----BEGIN PGP SIGNATURE-----\nVersion: x\n\n!!!!\n-----END PGP SIGNATURE-----\n"),
        Json("-----BEGIN PGP SIGNATURE-----\n"),
        Json("-----BEGIN PGP MESSAGE-----\n\n" + new string('A', 100_000) + "\n-----END PGP MESSAGE-----\n"),
        Json("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n"),
        Json("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nhello\n-----BEGIN PGP SIGNATURE-----\n\n-----END PGP SIGNATURE-----\n"),
        Json("-----BEGIN PGP SIGNED MESSAGE-----\nHash: \u0000\u202e\n\nhello\n"),
        Json("-----BEGIN PGP SIGNATURE-----\n" + "X: " + new string('h', 10_000) + "\n\nAAAA\n-----END PGP SIGNATURE-----\n"),
        Json("-----BEGIN PGP SIGNATURE-----\n\n" + string.Concat(Enumerable.Repeat("-----BEGIN PGP SIGNATURE-----\n", 50)) + "-----END PGP SIGNATURE-----\n"),
        Json("-----BEGIN PGP \u202eSIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n"),
    ];

    /// <summary>Crafted OpenPGP packet streams: impossible lengths, truncations, unknown versions, bare headers.</summary>
    public static ImmutableArray<byte[]> BadPackets() =>
    [
        [0x89, 0xFF, 0xFF], [0xC2, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [0xC2, 0xE0], [0xC2, 0xEF, 0x04], [0xC2, 0x01, 0x04],
        [0xC2, 0x05, 0x04, 0x00, 0x16, 0x08, 0x00], [0xC2, 0x02, 0x06, 0x00], [0xC2, 0x02, 0x03, 0x05], [0xC2, 0x02, 0x09, 0x00],
        [0x80], [0x00], [0xFF, 0xFF], [0xC8, 0x03, 0x09, 0x00, 0x00], [0xC8, 0x05, 0x01, 0xFF, 0xFF, 0xFF, 0xFF],
        [0xC1, 0x03, 0x03, 0x00, 0x00], [0xC1, 0x0C, 0x03, 1, 2, 3, 4, 5, 6, 7, 8, 0x12, 0xFF, 0xFF], [0xC6, 0x03, 0x04, 0, 0],
        [0xC5, 0x06, 0x04, 0, 0, 0, 0, 0x16], [0xCA, 0x03, (byte)'P', (byte)'G', (byte)'P'], [0xCB, 0x05, (byte)'b', 0x00, 0, 0, 0],
        [0xC2, 0x0A, 0x04, 0x00, 0x16, 0x08, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00], [0xD2, 0x01, 0x01], [0xD4, 0x00],
    ];

    public static string Json(string value) => JsonSerializer.Serialize(value, RawUnicode);

    /// <summary>Random byte strings from the fixed seed.</summary>
    public static IEnumerable<byte[]> RandomPackets(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var bytes = new byte[random.Next(1, 2000)];
            random.NextBytes(bytes);
            return bytes;
        });

    /// <summary>Damaged copies of a real signature: bytes flipped, cut short, garbage appended.</summary>
    public static IEnumerable<byte[]> DamagedCopies(byte[] good)
    {
        foreach (var at in new[] { 0, 1, 2, 3, 5, good.Length / 2, good.Length - 1 })
        {
            var copy = good.ToArray();
            copy[at] ^= 0xFF;
            yield return copy;
        }

        yield return good[..(good.Length / 2)];
        yield return good[..3];
        yield return [.. good, .. good];
        yield return [.. good, 0xFF, 0x00];
    }
}
