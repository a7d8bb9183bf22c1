namespace VaultGpg.PluginSdk.Framework;

/// <summary>
/// One item of a batch field (<see cref="Field.Batch"/>), validated against the batch's item fields exactly as a
/// request body is validated against a path's fields. A bad item does not fail the request: it carries its
/// <see cref="Problem"/>, and the handler answers an error result for that item.
/// </summary>
/// <param name="Name">The item as errors name it, for example <c>batch_input[3]</c>.</param>
/// <param name="Index">The item's position in the batch, from 0.</param>
/// <param name="Data">The item's fields that parsed; read them with the same <see cref="FieldSchema{T}"/> objects that
/// were declared as item fields. Complete only when <see cref="Problem"/> is null.</param>
/// <param name="Problem">Why the item is invalid, naming it and the field (<c>batch_input[3].input: expected a string,
/// got a list</c>), or null when it is valid.</param>
public sealed record BatchItem(string Name, int Index, FieldData Data, string? Problem)
{
    /// <summary>True when the item failed validation and the handler must not process it.</summary>
    public bool Failed => Problem is not null;
}
