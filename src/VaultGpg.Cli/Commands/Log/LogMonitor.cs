using System.Globalization;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Transparency;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Commands.Log;

/// <summary>
/// One run of <c>vaultgpg log monitor</c>: opens the latest checkpoint with the pinned log key, checks it against the
/// last checkpoint the state holds (a smaller size or another root for the same size is a fork), downloads every new
/// entry, rebuilds the new root from them and the old tree (<see cref="TreeExtension"/>: nothing the server sends is
/// trusted), and picks out the signatures, key events and build gate events of the watched keys (a gated signature by
/// the signature entry it names). A signature names its key by primary
/// fingerprint; a key name's fingerprints come from its create and import events in the log, or, for a key made
/// before the log was on, from <paramref name="fingerprintFromMount"/> (the mount's key facts, when a token can read them).
/// </summary>
internal sealed class LogMonitor(LogHttpReader log, INoteVerifier logKey, Func<string, CancellationToken, Task<string?>> fingerprintFromMount)
{
    public async Task<MonitorReport> RunAsync(MonitorState state, IReadOnlyList<string> watched, ExpectedList? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(watched);
        var note = await log.ReadCheckpointAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new UsageException($"{log.Prefix}/checkpoint is missing: the mount's transparency log was never configured");
        try
        {
            return await CheckAsync(note, state, watched, expected, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            // A missing or malformed tile or bundle: what the log serves does not make up the tree it signed.
            return MonitorReport.Raise($"the log's data does not verify: {e.Message}");
        }
    }

    private async Task<MonitorReport> CheckAsync(SignedNote note, MonitorState state, IReadOnlyList<string> watched, ExpectedList? expected, CancellationToken cancellationToken)
    {
        if (note.VerifiedBy([logKey]).Count == 0)
        {
            return MonitorReport.Raise($"the checkpoint is not signed by the log key {logKey.Name}:\n{note}");
        }

        var latest = Checkpoint.Parse(note.Text);
        if (latest.Origin != logKey.Name)
        {
            return MonitorReport.Raise($"the checkpoint's origin \"{latest.Origin}\" is not the log key's name \"{logKey.Name}\"");
        }

        var previous = state.Checkpoint is null ? null : Checkpoint.Parse(SignedNote.Parse(state.Checkpoint).Text);
        var oldSize = previous?.Size ?? 0;
        if (previous is not null && (latest.Size < previous.Size || (latest.Size == previous.Size && !latest.RootHash.AsSpan().SequenceEqual(previous.RootHash))))
        {
            return Fork(state.Checkpoint!, note, latest.Size < previous.Size ? "the log's tree is smaller than one it signed before" : "the log signed two trees of the same size");
        }

        var entries = await ReadEntriesAsync(oldSize, latest.Size, cancellationToken).ConfigureAwait(false);
        if (latest.Size > oldSize)
        {
            var (newRootMatches, oldRootMatches) = await TreeExtension.CheckAsync(
                oldSize, previous?.RootHash ?? [], latest.Size, latest.RootHash, entries.Select(e => LogHash.Leaf(e)).ToList(), log.NodeReader(latest.Size), cancellationToken).ConfigureAwait(false);
            if (!newRootMatches)
            {
                return MonitorReport.Raise($"the log's entries and tiles do not hash to the root of its checkpoint (size {latest.Size}): the log data was changed");
            }

            if (!oldRootMatches)
            {
                return Fork(state.Checkpoint!, note, $"the tree of size {latest.Size} does not extend the one of size {oldSize}");
            }
        }

        return await ReportAsync(state, note, oldSize, entries, watched, expected, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The entries [<paramref name="from"/>, <paramref name="to"/>) from the entry bundles of the tree of size <paramref name="to"/>.</summary>
    private async Task<IReadOnlyList<byte[]>> ReadEntriesAsync(long from, long to, CancellationToken cancellationToken)
    {
        var entries = new List<byte[]>();
        for (var bundle = from / TileLayout.Width; bundle * TileLayout.Width < to; bundle++)
        {
            var width = TileLayout.WidthAt(TileId.EntriesLevel, bundle, to);
            var read = await log.ReadEntriesAsync(bundle, width, cancellationToken).ConfigureAwait(false);
            var skip = (int)Math.Max(0, from - (bundle * TileLayout.Width));
            entries.AddRange(read.Skip(skip));
        }

        return entries;
    }

    private async Task<MonitorReport> ReportAsync(
        MonitorState state, SignedNote latest, long oldSize, IReadOnlyList<byte[]> entries, IReadOnlyList<string> watched, ExpectedList? expected, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var parsed = new List<(long Index, LogEntry Entry)>();
        var fingerprints = state.Fingerprints.ToDictionary(f => f.Key, f => f.Value.ToList(), StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var index = oldSize + i;
            try
            {
                var entry = LogEntry.Parse(entries[i]);
                parsed.Add((index, entry));
                if (entry is KeyEventEntry { Event: KeyEventEntry.Create or KeyEventEntry.Import } created)
                {
                    var known = fingerprints.TryGetValue(created.Name, out var list) ? list : fingerprints[created.Name] = [];
                    if (!known.Contains(created.PrimaryFingerprint, StringComparer.Ordinal))
                    {
                        known.Add(created.PrimaryFingerprint);
                    }
                }
            }
            catch (FormatException e)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"entry {index} is not a VaultGpg log entry: {e.Message}"));
            }
        }

        var byFingerprint = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in watched)
        {
            if (!fingerprints.TryGetValue(name, out var known) || known.Count == 0)
            {
                var fromMount = await fingerprintFromMount(name, cancellationToken).ConfigureAwait(false);
                if (fromMount is null)
                {
                    warnings.Add($"key \"{name}\": no create or import event in the log and not readable from the mount; its signatures cannot be matched");
                    continue;
                }

                known = [fromMount.ToLowerInvariant()];
            }

            foreach (var fingerprint in known)
            {
                byFingerprint[fingerprint] = name;
            }
        }

        var watchedNames = watched.ToHashSet(StringComparer.Ordinal);
        var events = new List<WatchedEvent>();
        // A gated signature names its signature entry's index: one read now, or one of the previous run's last
        // entries (the gate entry is appended right after it, so a checkpoint can fall between the two).
        var signatures = new Dictionary<long, string>(state.RecentSignatures);
        var gated = new HashSet<long>();
        foreach (var (index, entry) in parsed)
        {
            var name = entry switch
            {
                SignatureEntry signature => byFingerprint.GetValueOrDefault(signature.PrimaryFingerprint),
                KeyEventEntry keyEvent when watchedNames.Contains(keyEvent.Name) => keyEvent.Name,
                GateEntry { SignatureEntryIndex: { } signed } => signatures.GetValueOrDefault(signed),
                GateEntry { Name: { } keyName } when watchedNames.Contains(keyName) => keyName,
                _ => null,
            };
            if (entry is GateEntry { SignatureEntryIndex: { } named })
            {
                gated.Add(named);
            }

            if (name is not null)
            {
                events.Add(new WatchedEvent(index, name, entry, expected is not null && !expected.Expects(entry)));
                if (entry is SignatureEntry)
                {
                    signatures[index] = name;
                }
            }
        }

        var keys = state.Keys.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
        foreach (var name in watched)
        {
            var counted = keys.GetValueOrDefault(name) ?? new KeyWatch();
            keys[name] = counted with
            {
                Signatures = counted.Signatures + events.Count(e => e.KeyName == name && e.Entry is SignatureEntry),
                KeyEvents = counted.KeyEvents + events.Count(e => e.KeyName == name && e.Entry is KeyEventEntry),
                GateEvents = counted.GateEvents + events.Count(e => e.KeyName == name && e.Entry is GateEntry),
            };
        }

        var newState = state with
        {
            Origin = logKey.Name,
            Checkpoint = latest.ToString(),
            Fingerprints = fingerprints.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value, StringComparer.Ordinal),
            Keys = keys,
            RecentSignatures = entries.Count == 0 ? state.RecentSignatures
                : signatures.Where(s => s.Key >= oldSize && !gated.Contains(s.Key)).ToDictionary(),
        };
        return new MonitorReport(null, newState, events, warnings);
    }

    private static MonitorReport Fork(string saved, SignedNote latest, string what) =>
        MonitorReport.Raise($"{what}: the log forked or was rolled back.\nThe checkpoint verified before:\n{saved}\nThe checkpoint served now:\n{latest}");
}
