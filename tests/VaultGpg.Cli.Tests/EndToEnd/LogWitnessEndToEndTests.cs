using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// <c>vaultgpg log witness</c> with the Go test witness (Go's sumdb/note and sumdb/tlog check the log's signature and
/// every consistency proof) and the dev host: the cosigned checkpoint the mount then serves carries the witness's line.
/// </summary>
public sealed class LogWitnessEndToEndTests : IAsyncLifetime
{
    private readonly string _dir = TemporaryDirectory.CreateShort("lwe");
    private LogHost? _log;
    private TestWitness? _witness;

    private LogHost Log => _log ?? throw new InvalidOperationException("not started");

    private TestWitness Witness => _witness ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _log = await LogHost.StartAsync();
        _witness = await TestWitness.StartAsync("witness.test/w1", _log.VerifierKey);
        await _log.PostAsync("log/config", new JsonObject { ["witnesses"] = new JsonArray(_witness.VerifierKey) });
    }

    public async Task DisposeAsync()
    {
        if (_witness is not null)
        {
            await _witness.DisposeAsync();
        }

        if (_log is not null)
        {
            await _log.DisposeAsync();
        }

        TemporaryDirectory.DeleteQuietly(_dir);
    }

    [Fact]
    public async Task Witness_GoWitnessCosigns_TheMountServesTheCosignedCheckpoint_AndItVerifies()
    {
        await Log.SignAsync("release 1.0 a");
        var state = Path.Combine(_dir, "witnesses.json");

        var result = await WitnessAsync("--state", state);

        Assert.True(result.Exit == 0, result.ToString() + Witness.Log);
        var cosigned = SignedNote.Parse(await Log.ReadLogAsync("cosigned-checkpoint"));
        Assert.Equal(2, Checkpoint.Parse(cosigned.Text).Size);
        Assert.Equal(2, cosigned.VerifiedBy([Ed25519NoteVerifier.Parse(Log.VerifierKey), Ed25519NoteVerifier.Parse(Witness.VerifierKey)]).Count);
        Assert.Equal(2, JsonNode.Parse(await File.ReadAllTextAsync(state))![Witness.Url.TrimEnd('/') + "/"]!.GetValue<long>());
    }

    [Fact]
    public async Task Witness_WitnessHasAnOlderSize_409ThenAConsistencyProofGoAccepts()
    {
        await Log.SignAsync("release 1.0 a");
        Assert.Equal(0, (await WitnessAsync()).Exit);
        for (var i = 0; i < 5; i++)
        {
            await Log.SignAsync($"release 1.1 {i}");
        }

        // No state: the first request says old 0, the witness answers 409 with size 2, the retry proves 2 -> 7.
        var result = await WitnessAsync();

        Assert.True(result.Exit == 0, result.ToString() + Witness.Log);
        Assert.Contains("conflict=true", Witness.Log, StringComparison.Ordinal);
        var cosigned = SignedNote.Parse(await Log.ReadLogAsync("checkpoint"));
        Assert.Equal(7, Checkpoint.Parse(cosigned.Text).Size);
        Assert.Single(cosigned.VerifiedBy([Ed25519NoteVerifier.Parse(Witness.VerifierKey)]));
    }

    [Fact]
    public async Task Witness_OneWitnessUnreachable_PostsTheOtherCosignatureAndExitsOne()
    {
        await Log.SignAsync("release 1.0 a");

        var result = await Log.RunVaultgpgAsync(
            ["log", "witness", "--witness", "http://127.0.0.1:1/", "--witness", $"{Witness.Url}={Witness.VerifierKey}"]);

        Assert.True(result.Exit == 1, result.ToString());
        Assert.Contains("vaultgpg: witness http://127.0.0.1:1/:", result.Error, StringComparison.Ordinal);
        var cosigned = SignedNote.Parse(await Log.ReadLogAsync("cosigned-checkpoint"));
        Assert.Single(cosigned.VerifiedBy([Ed25519NoteVerifier.Parse(Witness.VerifierKey)]));
    }

    [Fact]
    public async Task Witness_WrongKeyForTheWitness_PostsNothingAndExitsTwo()
    {
        await Log.SignAsync("release 1.0 a");
        var other = new CosignatureSigner("witness.test/w1", new byte[32]).Verifier.VerifierKey;

        var result = await Log.RunVaultgpgAsync(["log", "witness", "--witness", $"{Witness.Url}={other}"]);

        Assert.True(result.Exit == 2, result.ToString());
        Assert.Contains("no cosignature that verifies", result.Error, StringComparison.Ordinal);
        using var anonymous = Log.Host.CreateClient(token: "");
        using var cosigned = await anonymous.GetAsync(new Uri("v1/gpg/log/cosigned-checkpoint", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, cosigned.StatusCode);
    }

    private Task<(int Exit, string Out, string Error)> WitnessAsync(params string[] extra) =>
        Log.RunVaultgpgAsync(["log", "witness", "--witness", $"{Witness.Url}={Witness.VerifierKey}", .. extra]);
}
