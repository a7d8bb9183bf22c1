using System.Diagnostics.CodeAnalysis;

namespace VaultGpg.Engine.Paths;

/// <summary>A value parsed or computed from a request, or the <see cref="Paths.Problem"/> that explains why it could not be.</summary>
internal readonly record struct Parsed<T>(T? Value, Problem? Problem)
{
    [MemberNotNullWhen(true, nameof(Problem))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Failed => Problem is not null;

    public static Parsed<T> Ok(T value) => new(value, null);

    /// <summary>A problem with the request as a whole; <paramref name="message"/> names the fields it is about.</summary>
    public static Parsed<T> Invalid(string message) => new(default, new Problem(null, message));

    /// <summary>A problem with one field, shown as <c>field: detail</c>.</summary>
    public static Parsed<T> Invalid(string field, string detail) => new(default, new Problem(field, detail));

    public static implicit operator Parsed<T>(T value) => Ok(value);

    public static implicit operator Parsed<T>(Problem problem) => new(default, problem);
}
