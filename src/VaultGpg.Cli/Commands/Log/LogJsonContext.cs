using System.Text.Json.Serialization;

namespace VaultGpg.Cli.Commands.Log;

/// <summary>Source-generated JSON for the state files of <c>log monitor</c> and <c>log witness</c> (the CLI is Native AOT).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(MonitorState))]
[JsonSerializable(typeof(Dictionary<string, long>))]
internal sealed partial class LogJsonContext : JsonSerializerContext;
