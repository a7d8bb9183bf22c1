namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>The path a request routed to, with the values its named groups captured.</summary>
internal sealed record RouteMatch(CompiledPath Path, IReadOnlyDictionary<string, string> Captures);
