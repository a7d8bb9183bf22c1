using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>Turns a raw JSON value into a typed one. <paramref name="problem"/> is a short lower-case reason that never
/// contains the value itself, so that it is safe for sensitive fields.</summary>
internal delegate bool FieldParser<T>(JsonElement raw, [MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out string? problem);
