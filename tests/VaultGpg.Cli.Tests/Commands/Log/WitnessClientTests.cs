using System.Net;
using System.Text;
using VaultGpg.Cli.Commands.Log;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Tests.Commands.Log;

public sealed class WitnessClientTests
{
    private const string Fingerprint = "cccccccccccccccccccccccccccccccccccccccc";

    private readonly FakeTlog _log = new FakeTlog().Append(FakeTlog.Signed(Fingerprint, "a"), FakeTlog.Signed(Fingerprint, "b"), FakeTlog.Signed(Fingerprint, "c"));

    [Fact]
    public async Task AddCheckpoint_FirstTime_SendsOldZeroWithoutProof_AndReturnsTheVerifiedLine()
    {
        var witness = new FakeWitness();

        var lines = await AddAsync(witness, Target(witness, withKey: true), oldSize: 0);

        Assert.Equal($"old 0\n\n{_log.CheckpointNote()}", Assert.Single(witness.Bodies));
        Assert.Single(new SignedNote(_log.CheckpointNote().Text, lines).VerifiedBy([witness.Signer.Verifier]));
    }

    [Fact]
    public async Task AddCheckpoint_WitnessKnowsAnotherSize_RetriesWithAProofFromThatSize()
    {
        var witness = new FakeWitness { Size = 2, Root = _log.Tree.Root(2) };

        var lines = await AddAsync(witness, Target(witness, withKey: true), oldSize: 0);

        Assert.Equal(2, witness.Bodies.Count);
        Assert.StartsWith("old 2\n", witness.Bodies[1], StringComparison.Ordinal);
        Assert.Equal(3, witness.Size);
        Assert.Single(lines);
    }

    [Fact]
    public async Task AddCheckpoint_WitnessAhead_FailsWithoutSendingAgain()
    {
        var witness = new FakeWitness { Size = 9, Root = new byte[32] };

        var e = await Assert.ThrowsAsync<WitnessException>(() => AddAsync(witness, Target(witness, withKey: false), oldSize: 0));

        Assert.Contains("has cosigned size 9, larger than the checkpoint's 3", e.Message, StringComparison.Ordinal);
        Assert.Single(witness.Bodies);
    }

    [Fact]
    public async Task AddCheckpoint_AnswerSignedByAnotherKey_Fails()
    {
        var witness = new FakeWitness();
        var pinned = new WitnessTarget(new Uri("http://witness.test/"), new FakeWitness().Signer.Verifier);

        var e = await Assert.ThrowsAsync<WitnessException>(() => AddAsync(witness, pinned, oldSize: 0));

        Assert.Contains("no cosignature that verifies", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCheckpoint_Refused_FailsWithTheStatusAndReason()
    {
        var witness = new FakeWitness { Refuse = (HttpStatusCode.Forbidden, "no valid signature of log\n") };

        var e = await Assert.ThrowsAsync<WitnessException>(() => AddAsync(witness, Target(witness, withKey: false), oldSize: 0));

        Assert.Contains("refused the checkpoint of size 3: 403 no valid signature of log", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_HasOldSizeProofLinesEmptyLineAndTheNote()
    {
        var note = _log.CheckpointNote();

        var body = Encoding.UTF8.GetString(WitnessClient.Body(2, [new byte[32], Enumerable.Repeat((byte)1, 32).ToArray()], note));

        Assert.Equal($"old 2\n{Convert.ToBase64String(new byte[32])}\n{Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray())}\n\n{note}", body);
    }

    [Theory]
    [InlineData("ftp://witness.test", "not an http or https URL")]
    [InlineData("http://witness.test=garbage", "malformed verifier key")]
    public void WitnessTarget_BadValue_IsAUsageError(string value, string message)
    {
        var e = Assert.Throws<VaultGpg.Cli.Hosting.UsageException>(() => WitnessTarget.Parse(value));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WitnessTarget_LogKeyInsteadOfACosignatureKey_IsAUsageError()
    {
        var e = Assert.Throws<VaultGpg.Cli.Hosting.UsageException>(() => WitnessTarget.Parse("http://witness.test=" + _log.VerifierKey));

        Assert.Contains("not a cosignature", e.Message, StringComparison.Ordinal);
    }

    private static WitnessTarget Target(FakeWitness witness, bool withKey) =>
        WitnessTarget.Parse("http://witness.test/" + (withKey ? "=" + witness.Signer.Verifier.VerifierKey : ""));

    private async Task<IReadOnlyList<NoteSignature>> AddAsync(FakeWitness witness, WitnessTarget target, long oldSize)
    {
        using var http = new HttpClient(witness);
        return await new WitnessClient(http).AddCheckpointAsync(
            target, _log.CheckpointNote(), oldSize, async (old, ct) => await MerkleProof.ProveConsistencyAsync(old, _log.Size, _log.Tree, ct), CancellationToken.None);
    }
}
