namespace VaultGpg.OpenPgp.Keys;

/// <summary>The result of <see cref="SubkeyEditor.AddSubkey"/>: the new key and the facts about the subkey it gained.</summary>
public sealed record AddedSubkey(OpenPgpKey Key, SubkeyInfo Subkey);
