namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>The outcome of <see cref="FieldValidator.Validate"/>.</summary>
/// <param name="Data">The parsed fields (only meaningful when <paramref name="Problem"/> is null).</param>
/// <param name="Problem">"Field validation failed: …" naming every bad field, or null.</param>
/// <param name="Ignored">Parameters the path does not declare, sorted.</param>
/// <param name="Replaced">Body parameters overridden by URL captures, sorted.</param>
internal sealed record FieldValidation(FieldData Data, string? Problem, IReadOnlyList<string> Ignored, IReadOnlyList<string> Replaced);
