using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Log;

/// <summary>
/// Puts key events (create, import, subkey add/remove, config, delete) in the transparency log when it is on. Called
/// before the key is written: a key change the log does not show never happens (a logged change whose write then
/// fails shows as an event with no effect, the safe side).
/// </summary>
internal sealed class KeyEvents(TransparencyLog transparency, TimeProvider timeProvider)
{
    public const string Create = "create";
    public const string Import = "import";
    public const string SubkeyAdd = "subkey-add";
    public const string SubkeyRemove = "subkey-remove";
    public const string Config = "config";
    public const string Delete = "delete";
    public const string Expiry = "expiry";
    public const string Rotate = "rotate";

    /// <param name="storage">The request's storage.</param>
    /// <param name="keyEvent">One of the constants above.</param>
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

        var publicKey = keyEvent == Delete ? [] : key.ExportPublicKey();
        var entry = LogEntries.KeyEvent(config.Origin, keyEvent, name, key.Info.Fingerprint, publicKey, subkeyFingerprint, settings, timeProvider.GetUtcNow());
        await transparency.AppendAsync(storage, [entry], cancellationToken).ConfigureAwait(false);
    }
}
