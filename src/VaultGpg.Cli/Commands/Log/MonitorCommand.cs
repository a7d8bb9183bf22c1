using System.CommandLine;
using System.Globalization;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Vault;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Commands.Log;

/// <summary>
/// <c>vaultgpg log monitor --log-key VKEY --key NAME [--key NAME...] --state FILE [--expected FILE]</c>: follows the
/// mount's transparency log from the saved state and lists every signature, key event and build gate event of the
/// watched keys. Exit
/// codes: 0 nothing wrong; 1 an event the expected list does not name (the state still moves on: it is reported once);
/// 2 an error (usage, Vault unreachable); 3 ALARM, the log cannot be trusted (a fork or rollback, shown with both
/// checkpoints, or data that does not match its signed checkpoint), and the state is left as it was.
/// </summary>
internal sealed class MonitorCommand(CliContext context)
{
    public const int UnexpectedExitCode = ExitCodes.Failure;
    public const int AlarmExitCode = 3;

    public static Command Create(CliContext context)
    {
        var logKey = LogOptions.LogKey();
        var keys = new Option<string[]>("--key", "-k")
        {
            Description = "A key name to watch: its key events, and signatures by its primary fingerprint (repeatable).",
            Required = true,
        };
        var state = new Option<string>("--state") { Description = "The state file: last verified checkpoint and counters (created on the first run).", Required = true };
        var expected = new Option<string?>("--expected")
        {
            Description = "A file of what was meant to happen, one a line: \"digest sha256:HEX\", \"signature sha256:HEX\", sha256sum output, \"event EVENT NAME\" (a key event or gate policy change); anything else exits 1.",
        };
        var mount = CommonOptions.Mount();
        var command = new Command("monitor", "Check the log's new checkpoint against the last one seen and list the watched keys' signatures, key events and gate events.")
        {
            logKey, keys, state, expected, mount,
        };
        command.SetAction((parse, ct) => CommandErrors.RunAsync(context.Console.Error, () =>
            new MonitorCommand(context).RunAsync(
                LogOptions.ParseLogKey(parse.GetValue(logKey)!), parse.GetValue(keys)!, parse.GetValue(state)!, parse.GetValue(expected), parse.GetValue(mount), ct)));
        return command;
    }

    public async Task<int> RunAsync(
        INoteVerifier logKey, IReadOnlyList<string> keys, string statePath, string? expectedPath, string? mount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var expected = expectedPath is null ? null : await ExpectedList.LoadAsync(expectedPath, cancellationToken).ConfigureAwait(false);
        var state = await StateFile.LoadAsync(statePath, LogJsonContext.Default.MonitorState, cancellationToken).ConfigureAwait(false) ?? new MonitorState();
        CheckState(state, logKey, statePath);
        var monitor = new LogMonitor(context.ConnectLog(mount), logKey, (name, ct) => FingerprintFromMountAsync(mount, name, ct));
        var report = await monitor.RunAsync(state, keys.Distinct(StringComparer.Ordinal).ToList(), expected, cancellationToken).ConfigureAwait(false);
        var output = context.Console.Out;
        if (report.Alarm is not null)
        {
            await context.Console.Error.WriteLineAsync("vaultgpg: ALARM: " + report.Alarm).ConfigureAwait(false);
            return AlarmExitCode;
        }

        foreach (var warning in report.Warnings)
        {
            await context.Console.Error.WriteLineAsync("vaultgpg: warning: " + warning).ConfigureAwait(false);
        }

        foreach (var watched in report.Events)
        {
            await output.WriteLineAsync(Describe(watched)).ConfigureAwait(false);
        }

        await StateFile.SaveAsync(statePath, report.NewState!, LogJsonContext.Default.MonitorState, cancellationToken).ConfigureAwait(false);
        var previousSize = state.Checkpoint is null ? 0 : Checkpoint.Parse(SignedNote.Parse(state.Checkpoint).Text).Size;
        var size = Checkpoint.Parse(SignedNote.Parse(report.NewState!.Checkpoint!).Text).Size;
        var unexpected = report.Events.Count(e => e.Unexpected);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"log {logKey.Name}: size {size} (was {previousSize}), verified; {report.Events.Count} event(s) of watched keys, {unexpected} unexpected")).ConfigureAwait(false);
        foreach (var name in keys.Distinct(StringComparer.Ordinal))
        {
            var counted = report.NewState.Keys[name];
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"key {name}: {counted.Signatures} signature(s), {counted.KeyEvents} key event(s), {counted.GateEvents} gate event(s) since first watched")).ConfigureAwait(false);
        }

        return unexpected > 0 ? UnexpectedExitCode : ExitCodes.Success;
    }

    /// <summary>One line per event: index, kind, key name, then the entry's facts as name=value words.</summary>
    internal static string Describe(WatchedEvent watched)
    {
        var flag = watched.Unexpected ? " UNEXPECTED" : "";
        return watched.Entry switch
        {
            SignatureEntry s => string.Create(CultureInfo.InvariantCulture,
                $"{watched.Index} signature {watched.KeyName} key={s.PrimaryFingerprint} signer={s.SigningFingerprint} digest={s.DigestAlgorithm}:{Convert.ToHexStringLower(s.Digest)} signature=sha256:{Convert.ToHexStringLower(s.SignatureHash)} type={s.Type} created={Time(s.Created)}{flag}"),
            KeyEventEntry k => string.Create(CultureInfo.InvariantCulture,
                $"{watched.Index} key-event {watched.KeyName} {k.Event} key={k.PrimaryFingerprint}{(k.SubkeyFingerprint is null ? "" : " subkey=" + k.SubkeyFingerprint)}{(k.Settings is null ? "" : " settings=" + k.Settings.Replace(' ', ','))} time={Time(k.Time)}{flag}"),
            GateEntry g => string.Create(CultureInfo.InvariantCulture,
                $"{watched.Index} gate-event {watched.KeyName} {g.Event} {string.Join(' ', g.Lines.Where(l => l.Name != "name").Select(l => l.Name + "=" + l.Value.Replace(' ', ',')))} time={Time(g.Time)}{flag}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{watched.Index} entry {watched.KeyName}{flag}"),
        };
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static void CheckState(MonitorState state, INoteVerifier logKey, string statePath)
    {
        if (state.Version != MonitorState.CurrentVersion)
        {
            throw new UsageException($"state file {statePath} has version {state.Version}, this vaultgpg reads {MonitorState.CurrentVersion}");
        }

        if (state.Origin is not null && state.Origin != logKey.Name)
        {
            throw new UsageException($"state file {statePath} follows the log \"{state.Origin}\", not \"{logKey.Name}\"");
        }

        if (state.Checkpoint is not null && SignedNote.Parse(state.Checkpoint).VerifiedBy([logKey]).Count == 0)
        {
            throw new UsageException($"state file {statePath}: its checkpoint is not signed by the log key {logKey.Name}");
        }
    }

    /// <summary>A key's primary fingerprint from the mount (a key made before the log was on has no create event), when the token may read it.</summary>
    private async Task<string?> FingerprintFromMountAsync(string? mount, string name, CancellationToken cancellationToken)
    {
        if (VaultSettings.FromEnvironment(context.Environment).Token is null)
        {
            return null;
        }

        try
        {
            return (await context.ConnectMount(mount).ReadKeyAsync(name, cancellationToken).ConfigureAwait(false))?.Fingerprint;
        }
        catch (VaultException)
        {
            return null;
        }
    }
}
