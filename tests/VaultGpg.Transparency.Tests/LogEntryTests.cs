using System.Security.Cryptography;
using System.Text;
using static VaultGpg.Transparency.Tests.EntrySamples;

namespace VaultGpg.Transparency.Tests;

public sealed class LogEntryTests
{
    private const string Subkey = "0123456789abcdef0123456789abcdef01234567";

    private static readonly string SignatureText =
        $"{Origin}/signature/v1\nkey {Primary} {Subkey}\ndigest sha256:{Hex("file")}\nsignature sha256:{Hex("packet")}\ntype binary\ncreated 1764460800\n";

    private static readonly string KeyText =
        $"{Origin}/key/v1\nevent subkey-add\nname release\nkey {Primary}\npublic-key sha256:{Hex("public")}\nsubkey {Subkey}\ntime 1764460800\n";

    [Fact]
    public void SignatureFor_RendersTheDocumentedText()
    {
        var entry = SignatureEntry.For(
            Origin, Primary.ToUpperInvariant(), Subkey, "sha256", SHA256.HashData("file"u8), "packet"u8, SignatureEntry.Binary, Time.AddMilliseconds(700));

        Assert.Equal(SignatureText, Encoding.UTF8.GetString(entry.ToBytes()));
    }

    [Fact]
    public void KeyEventFor_RendersTheDocumentedText()
    {
        var entry = KeyEventEntry.For(Origin, KeyEventEntry.SubkeyAdd, "release", Primary, "public"u8, Subkey, null, Time);

        Assert.Equal(KeyText, Encoding.UTF8.GetString(entry.ToBytes()));
    }

    [Fact]
    public void KeyEventFor_Delete_OmitsThePublicKey()
    {
        var entry = KeyEventEntry.For(Origin, KeyEventEntry.Delete, "release", Primary, [], null, null, Time);

        Assert.Equal($"{Origin}/key/v1\nevent delete\nname release\nkey {Primary}\ntime 1764460800\n", Encoding.UTF8.GetString(entry.ToBytes()));
    }

    [Theory]
    [InlineData(nameof(SignatureText))]
    [InlineData(nameof(KeyText))]
    [InlineData("config")]
    public void Parse_WellFormed_RoundTripsAndTellsTheKind(string which)
    {
        var text = which switch
        {
            nameof(SignatureText) => SignatureText,
            nameof(KeyText) => KeyText,
            _ => $"{Origin}/key/v1\nevent config\nname release\nkey {Primary}\npublic-key sha256:{Hex("k")}\nsettings exportable=false deletion_allowed=true\ntime 5\n",
        };

        var entry = LogEntry.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal(text, Encoding.UTF8.GetString(entry.ToBytes()));
        Assert.Equal(Origin, entry.Origin);
        Assert.IsType(which == nameof(SignatureText) ? typeof(SignatureEntry) : typeof(KeyEventEntry), entry);
    }

    [Theory]
    [InlineData("key B0B7", "key " + Primary + " " + Subkey, "fingerprint")]
    [InlineData("digest sha1:00", "digest sha256:", "known hash")]
    [InlineData("digest sha256:00", "digest sha256:", "32 bytes")]
    [InlineData("type detached", "type binary", "binary, text or cleartext")]
    [InlineData("created 01", "created 1764460800", "unix seconds")]
    [InlineData("created 1764460800\nextra x", "created 1764460800", "unexpected \"extra\"")]
    [InlineData("/signature/v2", "/signature/v1", "<origin>/<kind>/v1")]
    [InlineData("type binary\ndigest sha256:00", "type binary", "want \"created")]
    public void SignatureParse_NotExactlyTheFormat_ThrowsNamingTheProblem(string replacement, string original, string message)
    {
        var text = original == "digest sha256:"
            ? SignatureText.Replace($"digest sha256:{Hex("file")}", replacement, StringComparison.Ordinal)
            : SignatureText.Replace(original, replacement, StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => SignatureEntry.Parse(Encoding.UTF8.GetBytes(text)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("event rename", "event subkey-add")]
    [InlineData("name two words", "name release")]
    [InlineData("subkey " + Primary + "\npublic-key sha256:00", "subkey " + Subkey)]
    [InlineData("time 1764460800\r", "time 1764460800")]
    public void KeyEventParse_NotExactlyTheFormat_Throws(string replacement, string original)
    {
        var text = KeyText.Replace(original, replacement, StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => KeyEventEntry.Parse(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Parse_OtherKind_Throws()
    {
        Assert.Throws<FormatException>(() => SignatureEntry.Parse(Encoding.UTF8.GetBytes(KeyText)));
        Assert.Throws<FormatException>(() => LogEntry.Parse(Encoding.UTF8.GetBytes(KeyText.Replace("/key/v1", "/tree/v1", StringComparison.Ordinal))));
    }

    [Fact]
    public void Differences_NamesEachLineThatDiffers()
    {
        var entry = SignatureEntry.Parse(Encoding.UTF8.GetBytes(SignatureText));

        var other = entry with { Digest = SHA256.HashData("other"u8), Type = SignatureEntry.Text };

        Assert.Equal(["digest", "type"], entry.Differences(other));
        Assert.Empty(entry.Differences(entry with { PrimaryFingerprint = Primary.ToUpperInvariant() }));
    }
}
