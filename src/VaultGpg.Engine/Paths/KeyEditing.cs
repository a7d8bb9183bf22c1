using VaultGpg.Engine.Keys;
using VaultGpg.Engine.Log;
using VaultGpg.OpenPgp;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Paths;

/// <summary>
/// The one way a path changes a stored key's OpenPGP data: under the key's lock, load it ("key not found" when
/// missing), make the change (an <see cref="OpenPgpException"/> from the library is the caller's mistake, a 400),
/// log it as a key event before the write, then store it with its settings unchanged.
/// </summary>
internal static class KeyEditing
{
    public static async Task<Parsed<StoredKey>> EditAsync(
        this KeyStore keys, KeyEvents keyEvents, Request request, string name, Func<StoredKey, Parsed<KeyChange>> change, CancellationToken cancellationToken)
    {
        using (await keys.LockAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var found = await keys.RequireAsync(request, name, cancellationToken).ConfigureAwait(false);
            if (found.Failed)
            {
                return found.Problem;
            }

            Parsed<KeyChange> made;
            try
            {
                made = change(found.Value);
            }
            catch (OpenPgpException e)
            {
                return Parsed<StoredKey>.Invalid(e.Message);
            }

            if (made.Failed)
            {
                return made.Problem;
            }

            var (key, keyEvent, subkey, settings) = made.Value;
            await keyEvents.RecordAsync(request.Storage, keyEvent, name, key, subkey, settings, cancellationToken).ConfigureAwait(false);
            var entry = found.Value.Entry with { StoredKey = key.ToStoredForm() };
            await keys.PutAsync(request.Storage, entry, key, cancellationToken).ConfigureAwait(false);
            return new StoredKey(entry, key);
        }
    }
}
