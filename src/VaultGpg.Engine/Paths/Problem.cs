using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Paths;

/// <summary>
/// The engine's one error value: a user error found while handling a request, and the field it is about when it is
/// about one. It becomes a 400 <see cref="Response"/> only at a handler's return (<see cref="ToResponse"/>), or the
/// error of one batch item (<see cref="Message"/> with the item's name).
/// </summary>
/// <param name="Field">The field the problem is about, or null when it is about the request as a whole.</param>
/// <param name="Detail">Lower-case, no full stop; it quotes the bad value where that is safe to show.</param>
internal sealed record Problem(string? Field, string Detail)
{
    /// <summary>The text: <c>field: detail</c>, inside a batch <c>batch_input[3].field: detail</c>.</summary>
    /// <param name="item">The batch item's name, or null for the request itself.</param>
    public string Message(string? item = null) => (item, Field) switch
    {
        (null, null) => Detail,
        (null, { } field) => $"{field}: {Detail}",
        ({ } name, null) => $"{name}: {Detail}",
        ({ } name, { } field) => $"{name}.{field}: {Detail}",
    };

    public Response ToResponse() => Response.InvalidRequest(Message());
}
