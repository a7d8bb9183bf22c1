using System.Globalization;
using System.Net;
using System.Text;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Tests.Fakes;

/// <summary>
/// A C2SP tlog-witness at the HTTP level, as far as the client tests need one: it remembers the size it last cosigned,
/// answers 409 with it when the request's old size differs, checks the consistency proof and answers a cosignature
/// line. The Go witness (artifacts/testbin/tlog-witness) is the real judge in the end-to-end tests.
/// </summary>
internal sealed class FakeWitness(CosignatureSigner signer) : HttpMessageHandler
{
    public const string Name = "witness.test/w1";

    public FakeWitness()
        : this(new CosignatureSigner(Name, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)))
    {
    }

    public CosignatureSigner Signer { get; } = signer;

    public List<string> Bodies { get; } = [];

    public long Size { get; set; }

    public byte[] Root { get; set; } = [];

    /// <summary>When set, every request is answered with this status and text.</summary>
    public (HttpStatusCode Status, string Text)? Refuse { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        Bodies.Add(body);
        if (Refuse is { } refuse)
        {
            return Answer(refuse.Status, refuse.Text);
        }

        var split = body.IndexOf("\n\n", StringComparison.Ordinal);
        var head = body[..split].Split('\n');
        var old = long.Parse(head[0]["old ".Length..], CultureInfo.InvariantCulture);
        var proof = head.Skip(1).Select(Convert.FromBase64String).ToList();
        var note = SignedNote.Parse(body[(split + 2)..]);
        var checkpoint = Checkpoint.Parse(note.Text);
        if (old != Size)
        {
            return Answer(HttpStatusCode.Conflict, Size.ToString(CultureInfo.InvariantCulture) + "\n");
        }

        if (Size > 0 && !MerkleProof.VerifyConsistency(Size, checkpoint.Size, Root, checkpoint.RootHash, proof))
        {
            return Answer(HttpStatusCode.UnprocessableEntity, "consistency proof does not verify");
        }

        (Size, Root) = (checkpoint.Size, checkpoint.RootHash);
        return Answer(HttpStatusCode.OK, Signer.Sign(note.Text, 1_800_000_000).Line + "\n");
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string text) =>
        new(status) { Content = new StringContent(text, Encoding.UTF8) };
}
