using System.Security.Cryptography;

namespace VaultGpg.Transparency;

/// <summary>
/// A key event's log entry (API.md, "Log entries"):
/// <code>
/// &lt;origin&gt;/key/v1
/// event create|import|subkey-add|subkey-remove|config|delete|expiry|rotate|revoke|certify|transition
/// name &lt;key name&gt;
/// key &lt;primary fingerprint&gt;
/// public-key sha256:&lt;hex of the binary public key after the event&gt;   (not for delete)
/// subkey &lt;fingerprint&gt;                                               (subkey-add, subkey-remove, rotate, revoke of a subkey)
/// settings &lt;name=value words&gt;    (config: the settings; expiry: expires, keys; rotate: signs_from, previous, previous_expires; revoke: reason; certify: certified, type; transition: new)
/// time &lt;unix seconds&gt;
/// </code>
/// The engine writes it before the key changes; the monitor reads it to show a key owner every change of a key.
/// </summary>
public sealed record KeyEventEntry(
    string Origin, string Event, string Name, string PrimaryFingerprint, byte[]? PublicKeyHash, string? SubkeyFingerprint,
    string? Settings, DateTimeOffset Time) : LogEntry(Origin)
{
    public const string Kind = "key";
    public const string Create = "create";
    public const string Import = "import";
    public const string SubkeyAdd = "subkey-add";
    public const string SubkeyRemove = "subkey-remove";
    public const string Config = "config";
    public const string Delete = "delete";
    public const string Expiry = "expiry";
    public const string Rotate = "rotate";
    public const string Revoke = "revoke";
    public const string Certify = "certify";
    public const string Transition = "transition";

    /// <summary>The entry of an event after which the binary public key is <paramref name="publicKey"/> (empty for delete).</summary>
    public static KeyEventEntry For(
        string origin, string keyEvent, string name, string primaryFingerprint, ReadOnlySpan<byte> publicKey, string? subkeyFingerprint,
        string? settings, DateTimeOffset time) =>
        new(origin, keyEvent, name, primaryFingerprint, publicKey.IsEmpty ? null : SHA256.HashData(publicKey), subkeyFingerprint, settings, time);

    public override byte[] ToBytes()
    {
        var text = Header(Kind)
            .Append("event ").Append(Event).Append('\n')
            .Append("name ").Append(Name).Append('\n')
            .Append("key ").Append(PrimaryFingerprint.ToLowerInvariant()).Append('\n');
        if (PublicKeyHash is not null)
        {
            text.Append("public-key sha256:").Append(Convert.ToHexStringLower(PublicKeyHash)).Append('\n');
        }

        if (SubkeyFingerprint is not null)
        {
            text.Append("subkey ").Append(SubkeyFingerprint.ToLowerInvariant()).Append('\n');
        }

        if (Settings is not null)
        {
            text.Append("settings ").Append(Settings).Append('\n');
        }

        text.Append("time ").Append(EntryLines.Seconds(Time)).Append('\n');
        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Reads a key event entry; a <see cref="FormatException"/> naming the line when it is not exactly in the format.</summary>
    public static new KeyEventEntry Parse(ReadOnlySpan<byte> entry)
    {
        var lines = EntryLines.Read(entry, Kind);
        var keyEvent = lines.Take("event");
        if (keyEvent is not (Create or Import or SubkeyAdd or SubkeyRemove or Config or Delete or Expiry or Rotate or Revoke or Certify or Transition))
        {
            throw new FormatException($"log entry \"event\" is not a known key event: \"{keyEvent}\"");
        }

        var name = EntryLines.Word(lines.Take("name"), "name");
        var key = EntryLines.Fingerprint(lines.Take("key"), "key");
        var publicKey = lines.TakeOptional("public-key") is { } hash ? EntryLines.Hash(hash, "public-key", EntryLines.Sha256Only).Hash : null;
        var subkey = lines.TakeOptional("subkey") is { } fingerprint ? EntryLines.Fingerprint(fingerprint, "subkey") : null;
        var settings = lines.TakeOptional("settings");
        if (settings is not null && settings.Split(' ').Any(word => word.Length < 3 || word.IndexOf('=', StringComparison.Ordinal) <= 0))
        {
            throw new FormatException($"log entry \"settings\" is not name=value words: \"{settings}\"");
        }

        var time = EntryLines.Time(lines.Take("time"), "time");
        lines.End();
        return new KeyEventEntry(lines.Origin, keyEvent, name, key, publicKey, subkey, settings, time);
    }
}
