namespace VaultGpg.PluginSdk.Framework;

/// <summary>
/// A rule over several fields: exactly one of the <see cref="Alternatives"/> is sent, each alternative being a set of
/// fields that go together (for example input with signature, or signed_message). Declared on a path
/// (<see cref="PathDefinition.Choices"/>) or on the items of a batch (<see cref="Field.Batch"/>), it is checked before
/// the handler runs, like a required field: sending fields of two alternatives, or only part of one, is a 400 (a
/// per-item error inside a batch).
/// </summary>
public sealed record FieldChoice
{
    private FieldChoice(IReadOnlyList<IReadOnlyList<FieldSchema>> alternatives)
    {
        ArgumentNullException.ThrowIfNull(alternatives);
        if (alternatives.Count < 2 || alternatives.Any(a => a is null || a.Count == 0))
        {
            throw new ArgumentException("a choice needs at least two non-empty alternatives", nameof(alternatives));
        }

        Alternatives = alternatives;
    }

    /// <summary>The alternatives, each a non-empty set of fields sent together.</summary>
    public IReadOnlyList<IReadOnlyList<FieldSchema>> Alternatives { get; }

    /// <summary>True (the default) when one alternative must be sent; false when sending none is fine too.</summary>
    public bool Required { get; init; } = true;

    /// <summary>Exactly one of the alternatives: <c>FieldChoice.OneOf([Input, Signature], [SignedMessage])</c>.</summary>
    public static FieldChoice OneOf(params IReadOnlyList<FieldSchema>[] alternatives) => new(alternatives);

    /// <summary>The alternatives as a user reads them: "input with signature, signed_message or batch_input".</summary>
    public override string ToString()
    {
        var texts = Alternatives.Select(a => string.Join(" with ", a.Select(f => f.Name))).ToList();
        return texts.Count == 1 ? texts[0] : string.Join(", ", texts.Take(texts.Count - 1)) + " or " + texts[^1];
    }
}
