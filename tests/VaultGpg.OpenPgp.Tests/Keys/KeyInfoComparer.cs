using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>Value equality for <see cref="KeyInfo"/> including its lists (records compare lists by reference).</summary>
internal sealed class KeyInfoComparer : IEqualityComparer<KeyInfo>
{
    public static readonly KeyInfoComparer Instance = new();

    private static readonly IReadOnlyList<string> NoUserIds = [];
    private static readonly IReadOnlyList<SubkeyInfo> NoSubkeys = [];

    public bool Equals(KeyInfo? x, KeyInfo? y) =>
        x is not null && y is not null
        && x with { UserIds = NoUserIds, Subkeys = NoSubkeys } == y with { UserIds = NoUserIds, Subkeys = NoSubkeys }
        && x.UserIds.SequenceEqual(y.UserIds)
        && x.Subkeys.SequenceEqual(y.Subkeys);

    public int GetHashCode(KeyInfo obj) => obj.Fingerprint.GetHashCode(StringComparison.Ordinal);
}
