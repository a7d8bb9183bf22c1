using System.CommandLine;
using System.Globalization;
using VaultGpg.Cli.Hosting;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Commands.Log;

/// <summary>
/// <c>vaultgpg log witness --witness URL[=VKEY] [--witness ...] [--state FILE]</c>: sends the mount's latest checkpoint
/// to each witness (C2SP tlog-witness add-checkpoint, with a consistency proof from the size the witness last cosigned:
/// the state file's, else what its 409 answer says), checks each cosignature with the witness's key when given, and
/// posts the collected cosignatures to <c>log/cosignatures</c> (a token with update on that path). Exit codes: 0 every
/// witness cosigned; 1 some did not (the others' cosignatures were posted); 2 none did, or an error.
/// </summary>
internal sealed class WitnessCommand(CliContext context)
{
    private static readonly TimeSpan WitnessTimeout = TimeSpan.FromSeconds(60);

    public static Command Create(CliContext context)
    {
        var witnesses = new Option<string[]>("--witness", "-w")
        {
            Description = "A witness: its add-checkpoint prefix URL, optionally =VKEY (its cosignature verifier key) to check its answer (repeatable).",
            Required = true,
        };
        var state = new Option<string?>("--state") { Description = "A file keeping the size each witness last cosigned (saves a round trip; created when missing)." };
        var mount = CommonOptions.Mount();
        var command = new Command("witness", "Have witnesses cosign the log's latest checkpoint and post their cosignatures to the mount.")
        {
            witnesses, state, mount,
        };
        command.SetAction((parse, ct) => CommandErrors.RunAsync(context.Console.Error, async () =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(10) }) { Timeout = WitnessTimeout };
            var targets = parse.GetValue(witnesses)!.Select(WitnessTarget.Parse).ToList();
            return await new WitnessCommand(context).RunAsync(new WitnessClient(http), targets, parse.GetValue(state), parse.GetValue(mount), ct).ConfigureAwait(false);
        }));
        return command;
    }

    public async Task<int> RunAsync(WitnessClient client, IReadOnlyList<WitnessTarget> witnesses, string? statePath, string? mount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(witnesses);
        var log = context.ConnectLog(mount);
        var checkpoint = await log.ReadCheckpointAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new UsageException($"{log.Prefix}/checkpoint is missing: the mount's transparency log was never configured");
        var size = Checkpoint.Parse(checkpoint.Text).Size;
        var sizes = statePath is null ? [] : await StateFile.LoadAsync(statePath, LogJsonContext.Default.DictionaryStringInt64, cancellationToken).ConfigureAwait(false) ?? [];
        var cosigned = checkpoint;
        var failed = 0;
        foreach (var witness in witnesses)
        {
            try
            {
                var lines = await client.AddCheckpointAsync(
                    witness, checkpoint, sizes.GetValueOrDefault(witness.Prefix.AbsoluteUri), (old, ct) => ProveAsync(log, old, size, ct), cancellationToken).ConfigureAwait(false);
                cosigned = lines.Aggregate(cosigned, (note, line) => note.WithSignature(line));
                sizes[witness.Prefix.AbsoluteUri] = size;
                await context.Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{witness.Prefix}: cosigned size {size}")).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WitnessException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failed++;
                await context.Console.Error.WriteLineAsync($"vaultgpg: witness {witness.Prefix}: {e.Message}").ConfigureAwait(false);
            }
        }

        if (statePath is not null)
        {
            await StateFile.SaveAsync(statePath, sizes, LogJsonContext.Default.DictionaryStringInt64, cancellationToken).ConfigureAwait(false);
        }

        if (failed == witnesses.Count)
        {
            await context.Console.Error.WriteLineAsync("vaultgpg: no witness cosigned the checkpoint; nothing posted").ConfigureAwait(false);
            return ExitCodes.Error;
        }

        var kept = await context.ConnectMount(mount).AddCosignaturesAsync(cosigned.ToString(), cancellationToken).ConfigureAwait(false);
        await context.Console.Out.WriteAsync(kept.Checkpoint ?? "").ConfigureAwait(false);
        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task<IReadOnlyList<byte[]>> ProveAsync(Transparency.LogHttpReader log, long oldSize, long newSize, CancellationToken cancellationToken) =>
        await MerkleProof.ProveConsistencyAsync(oldSize, newSize, log.NodeReader(newSize), cancellationToken).ConfigureAwait(false);
}
