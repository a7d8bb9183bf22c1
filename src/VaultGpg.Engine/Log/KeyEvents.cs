using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Log;

/// <summary>
/// Puts key events (create, import, subkey add/remove, config, delete) in the transparency log when it is on. Called
/// before the key is written: a key change the log does not show never happens (a logged change whose write then
/// fails shows as an event with no effect, the safe side).
/// </summary>
internal sealed class KeyEvents(TransparencyLog transparency, TimeProvider timeProvider)
{
    /// <param name="storage">The request's storage.</param>
    /// <param name="keyEvent">One of the <see cref="KeyEventEntry"/> event constants.</param>
    /// <param name="name">The key's name.</param>
    /// <param name="key">The key after the event (before it, for delete).</param>
    /// <param name="subkeyFingerprint">The subkey added or removed.</param>
    /// <param name="settings">For config: the settings after the event, as name=value words.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    public async Task RecordAsync(
        IStorage storage, string keyEvent, string name, OpenPgpKey key, string? subkeyFingerprint, string? settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(key);
        var config = await transparency.GetConfigAsync(storage, cancellationToken).ConfigureAwait(false);
        if (config is not { Enabled: true })
        {
            return;
        }

        var publicKey = keyEvent == KeyEventEntry.Delete ? [] : key.ExportPublicKey();
        var entry = KeyEventEntry.For(config.Origin, keyEvent, name, key.Info.Fingerprint, publicKey, subkeyFingerprint, settings, timeProvider.GetUtcNow()).ToBytes();
        await transparency.AppendAsync(storage, [entry], cancellationToken).ConfigureAwait(false);
    }
}
