using System.Text.Json.Serialization;

namespace VaultGpg.TestPlugin;

/// <summary>Source-generated JSON for the records this plugin stores (no reflection: the plugin may be trimmed).</summary>
[JsonSerializable(typeof(KvEntry))]
internal sealed partial class TestPluginJsonContext : JsonSerializerContext;
