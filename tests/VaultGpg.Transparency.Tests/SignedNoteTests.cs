using System.Text;
using VaultGpg.Transparency;

namespace VaultGpg.Transparency.Tests;

public sealed class SignedNoteTests
{
    // The example key and note of Go's golang.org/x/mod/sumdb/note documentation: an outside vector.
    private const string GoSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoSignature = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    [Fact]
    public void Sign_GoExampleKey_GivesGosSignatureAndVerifierKey()
    {
        var signer = Ed25519NoteSigner.Parse(GoSignerKey);

        var note = SignedNote.Sign(GoText, signer);

        Assert.Equal(GoText + "\n" + GoSignature, note.ToString());
        Assert.Equal(GoVerifierKey, signer.Verifier.VerifierKey);
        Assert.Equal(GoSignerKey, signer.SignerKey);
    }

    [Fact]
    public void VerifiedBy_GoNote_VerifiesAndATamperedTextDoesNot()
    {
        var verifier = Ed25519NoteVerifier.Parse(GoVerifierKey);
        var note = SignedNote.Parse(GoText + "\n" + GoSignature);

        Assert.Single(note.VerifiedBy([verifier]));
        Assert.Empty((note with { Text = GoText.Replace("problem,", "problem;", StringComparison.Ordinal) }).VerifiedBy([verifier]));
    }

    [Fact]
    public void VerifiedBy_UnknownSignatureLines_AreIgnored()
    {
        var log = Ed25519NoteSigner.Generate("example.com/log");
        var other = Ed25519NoteSigner.Generate("other.example");
        var note = SignedNote.Sign("example.com/log\n1\n" + Convert.ToBase64String(new byte[32]) + "\n", log)
            .WithSignature(other.Sign(Encoding.UTF8.GetBytes("something else\n")));

        var reparsed = SignedNote.Parse(note.ToString());

        Assert.Equal(2, reparsed.Signatures.Count);
        Assert.Single(reparsed.VerifiedBy([log.Verifier]));
        Assert.Empty(reparsed.VerifiedBy([other.Verifier]));
    }

    [Theory]
    [InlineData("no signatures\n")]
    [InlineData("text\n\n- name AAAAAAAA\n")]
    [InlineData("text\n\n\u2014 name AAAA\n")]
    [InlineData("text\n\n\u2014 name+x AAAAAAAAAAAA\n")]
    [InlineData("te\u0001xt\n\n\u2014 name AAAAAAAAAAAA\n")]
    [InlineData("text\n\n\u2014 name AAAAAAAAAAAA")]
    public void Parse_MalformedNotes_Throw(string note)
    {
        Assert.Throws<FormatException>(() => SignedNote.Parse(note));
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3")]
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    public void ParseVerifierKey_WrongIdTypeOrShape_Throws(string key)
    {
        Assert.Throws<FormatException>(() => Ed25519NoteVerifier.Parse(key));
    }

    [Fact]
    public void Cosignature_SignedByWitness_VerifiesOverTheCheckpointBodyOnly()
    {
        var witness = new CosignatureSigner("witness.example", new byte[32]);
        var body = "example.com/log\n5\n" + Convert.ToBase64String(new byte[32]) + "\n";

        var line = witness.Sign(body, 1_700_000_000);
        var note = SignedNote.Sign(body, Ed25519NoteSigner.Generate("example.com/log")).WithSignature(line);
        var verifier = Ed25519NoteVerifier.Parse(witness.Verifier.VerifierKey);

        Assert.Equal(72, line.Signature.Length);
        Assert.Single(SignedNote.Parse(note.ToString()).VerifiedBy([verifier]));
        Assert.Empty((note with { Text = body.Replace("\n5\n", "\n6\n", StringComparison.Ordinal) }).VerifiedBy([verifier]));
    }

    [Theory]
    [InlineData("o\n01\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("o\n-1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("o\n1\nAAAA\n")]
    [InlineData("o\n1\n")]
    [InlineData("\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void CheckpointParse_MalformedBodies_Throw(string body)
    {
        Assert.Throws<FormatException>(() => Checkpoint.Parse(body));
    }

    [Fact]
    public void CheckpointParse_Body_RoundTrips()
    {
        var checkpoint = new Checkpoint("example.com/log", 70_000, Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), ["ext line"]);

        var parsed = Checkpoint.Parse(checkpoint.Body);

        Assert.Equal(checkpoint.Body, parsed.Body);
        Assert.Equal(70_000, parsed.Size);
    }
}
