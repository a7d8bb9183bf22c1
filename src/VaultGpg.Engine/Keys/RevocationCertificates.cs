using System.Text;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Keys;

/// <summary>
/// The revocation certificate made with each key (<c>revocation/&lt;name&gt;</c>, the armored text, seal-wrapped): kept
/// apart from <c>key/</c> so that it is read only through <c>keys/:name/revocation-certificate</c>, a path an operator
/// can guard with a policy of its own. Written before the key and deleted with it.
/// </summary>
internal static class RevocationCertificates
{
    /// <summary>The storage prefix; Vault Enterprise seal-wraps it.</summary>
    public const string StoragePrefix = "revocation/";

    public static string StorageKey(string name) => StoragePrefix + name;

    /// <summary>
    /// A certificate for <paramref name="key"/> (reason "key has been compromised", as the issue asks; gpg's own copy in
    /// openpgp-revocs.d states no reason), or null when none can be made: a verify-only key, an offline primary key,
    /// or a key that is already revoked.
    /// </summary>
    public static string? TryMake(OpenPgpKey key, TimeProvider timeProvider)
    {
        if (key.IsVerifyOnly || key.DescribeAt(timeProvider.GetUtcNow()).IsRevoked)
        {
            return null;
        }

        try
        {
            return new KeyRevoker(timeProvider).MakeCertificate(key, RevocationReasonCode.Compromised);
        }
        catch (OpenPgpException e) when (e.Kind == OpenPgpErrorKind.InvalidInput)
        {
            return null;
        }
    }

    public static Task PutAsync(IStorage storage, string name, string certificate, CancellationToken cancellationToken) =>
        storage.PutAsync(new StorageEntry(StorageKey(name), Encoding.ASCII.GetBytes(certificate), SealWrap: true), cancellationToken);

    public static async Task<string?> GetAsync(IStorage storage, string name, CancellationToken cancellationToken)
    {
        var entry = await storage.GetAsync(StorageKey(name), cancellationToken).ConfigureAwait(false);
        return entry is null ? null : Encoding.ASCII.GetString(entry.Value.Span);
    }

    public static Task DeleteAsync(IStorage storage, string name, CancellationToken cancellationToken) =>
        storage.DeleteAsync(StorageKey(name), cancellationToken);
}
