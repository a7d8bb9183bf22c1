using System.Diagnostics.CodeAnalysis;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Paths;

/// <summary>A value parsed from a request, or the 400 response that explains why it could not be.</summary>
internal readonly record struct Parsed<T>(T? Value, Response? Error)
{
    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Failed => Error is not null;

    public static Parsed<T> Ok(T value) => new(value, null);

    public static Parsed<T> Invalid(string message) => new(default, Response.InvalidRequest(message));

    public static implicit operator Parsed<T>(T value) => Ok(value);
}
