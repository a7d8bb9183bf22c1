using VaultGpg.Transparency;

namespace VaultGpg.Cli.Commands.Log;

/// <summary>One entry of the log about a watched key: a signature by it or an event of it; unexpected when an expected list was given and does not name it.</summary>
internal sealed record WatchedEvent(long Index, string KeyName, LogEntry Entry, bool Unexpected);
