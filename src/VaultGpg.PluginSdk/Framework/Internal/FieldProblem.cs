namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>One reason a set of fields failed validation.</summary>
/// <param name="Field">The field it is about.</param>
/// <param name="Detail">The reason alone, lower-case, for item errors (<c>batch_input[3].input: {Detail}</c>).</param>
/// <param name="RequestText">The reason as a request's "Field validation failed: …" lists it, in Vault's wording.</param>
internal sealed record FieldProblem(string Field, string Detail, string RequestText);
