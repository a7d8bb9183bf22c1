namespace VaultGpg.Transparency;

/// <summary>Checks one kind of signature line of a C2SP signed note, for one key.</summary>
public interface INoteVerifier
{
    string Name { get; }

    uint KeyId { get; }

    /// <summary>Whether <paramref name="signature"/> (the bytes after the 4-byte key ID) is valid over the note text.</summary>
    bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature);
}
