using System.Text.Json.Serialization;

namespace VaultGpg.PluginSdk.Tests.Support;

[JsonSerializable(typeof(SampleRecord))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
