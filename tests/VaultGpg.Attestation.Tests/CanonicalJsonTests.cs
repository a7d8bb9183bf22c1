using System.Text;
using System.Text.Json;
using VaultGpg.Attestation;
using VaultGpg.TestSupport;

namespace VaultGpg.Attestation.Tests;

/// <summary>Canonical JSON judged by securesystemslib's own encode_canonical (Debian's python3-securesystemslib, the
/// library in-toto-run signs with).</summary>
public sealed class CanonicalJsonTests
{
    private const string Python = "/usr/bin/python3";

    public static TheoryData<string> Documents => new()
    {
        """{"b": [1, -0, "a\"\\\n\u00e9\u0001"], "a": null, "\ue000": true, "\ud83d\ude00": false, "B": {}}""",
        """{"_type": "link", "products": {"x y.tar.gz": {"sha256": "ab"}}, "n": 12345678901234567890123, "e": [], "t": "tab\there/slash"}""",
        """["\u007f", "\u2028", {"z": 1, "a": 2, "m": [true, false, null]}]""",
    };

    [InTotoTheory]
    [MemberData(nameof(Documents))]
    public async Task Encode_MatchesSecuresystemslib(string json)
    {
        var judge = await ExternalProcess.RunAsync(
            Python,
            ["-c", "import sys, json; from securesystemslib.formats import encode_canonical; sys.stdout.buffer.write(encode_canonical(json.loads(sys.stdin.read())).encode('utf-8'))"],
            Encoding.UTF8.GetBytes(json));
        Assert.True(judge.ExitCode == 0, judge.ToString());

        using var document = JsonDocument.Parse(json);
        var ours = CanonicalJson.Encode(document.RootElement);

        Assert.Equal(judge.StdoutText, Encoding.UTF8.GetString(ours));
    }

    [Theory]
    [InlineData("""{"a": 1.5}""")]
    [InlineData("""{"a": 1e3}""")]
    public void Encode_NonInteger_Refused(string json)
    {
        using var document = JsonDocument.Parse(json);

        var e = Assert.Throws<AttestationException>(() => CanonicalJson.Encode(document.RootElement));

        Assert.Contains("not an integer", e.Message, StringComparison.Ordinal);
    }
}
