namespace VaultGpg.Cli.Commands.Log;

/// <summary>
/// What one monitor run found. With an <see cref="Alarm"/> nothing may be trusted and the state is kept as it was;
/// otherwise <see cref="NewState"/> is the state to save and <see cref="Events"/> what the watched keys did.
/// </summary>
internal sealed record MonitorReport(string? Alarm, MonitorState? NewState, IReadOnlyList<WatchedEvent> Events, IReadOnlyList<string> Warnings)
{
    public static MonitorReport Raise(string alarm) => new(alarm, null, [], []);
}
