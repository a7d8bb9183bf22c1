using System.Text.RegularExpressions;
using VaultGpg.Cli.Hosting;

namespace VaultGpg.Cli.Vault;

/// <summary>
/// Turns what a caller says for a key (gpg's <c>-u</c>: a key name, fingerprint, long or short key ID, e-mail address
/// or part of a user ID) into the name of a key in the mount. A name is tried as is first (one request, the common
/// case for rpmsign); only when Vault does not know it are the mount's keys listed and read, once per process.
/// A specification that reads as a fingerprint or key ID (hex of 8, 16, 32, 40 or 64 digits) is looked up in the
/// mount's keys first, as gpg reads it: a key whose name is another key's fingerprint or ID must not shadow that key.
/// </summary>
internal sealed partial class KeyResolver(GpgMountClient client)
{
    private const int ReadParallelism = 8;
    private readonly Dictionary<string, string> _resolved = new(StringComparer.Ordinal);
    private IReadOnlyList<KeyFacts>? _mountKeys;

    /// <summary>Runs <paramref name="action"/> with the key's name, resolving the specification if Vault does not know it as a name.</summary>
    public async Task<T> WithKeyAsync<T>(string specification, Func<string, Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var spec = Normalize(specification);
        if (_resolved.TryGetValue(spec, out var known))
        {
            return await action(known).ConfigureAwait(false);
        }

        if (await TryResolveKeyIdAsync(spec, cancellationToken).ConfigureAwait(false) is { } byId)
        {
            return await action(byId).ConfigureAwait(false);
        }

        if (IsVaultName(spec))
        {
            try
            {
                var result = await action(spec).ConfigureAwait(false);
                _resolved[spec] = spec;
                return result;
            }
            catch (VaultException e) when (e.IsKeyNotFound)
            {
                // Not a key name: maybe a fingerprint, key ID or e-mail address of a key; look it up below.
            }
        }

        var name = await ResolveAsync(spec, cancellationToken).ConfigureAwait(false);
        return await action(name).ConfigureAwait(false);
    }

    /// <summary>
    /// The key's name, checked to exist: the specification itself when it names a key, else resolved. A token that may
    /// sign but not read keys/ (a tight pipeline policy) gets 403 on the check; the name is then used as given and
    /// Vault's answer to the signing request is the check.
    /// </summary>
    public async Task<string> NameOfAsync(string specification, CancellationToken cancellationToken) =>
        (await ReadAsync(specification, cancellationToken).ConfigureAwait(false)).Name;

    /// <summary>
    /// The key's name and facts, as <see cref="NameOfAsync"/> finds them; the facts are null when the token may not read
    /// <c>keys/</c> (403).
    /// </summary>
    public async Task<(string Name, KeyFacts? Facts)> ReadAsync(string specification, CancellationToken cancellationToken)
    {
        var spec = Normalize(specification);
        if (await TryResolveKeyIdAsync(spec, cancellationToken).ConfigureAwait(false) is { } byId)
        {
            return (byId, _mountKeys?.FirstOrDefault(k => k.Name == byId));
        }

        if (IsVaultName(spec))
        {
            try
            {
                if (await client.ReadKeyAsync(spec, cancellationToken).ConfigureAwait(false) is { } facts)
                {
                    return (spec, facts);
                }
            }
            catch (VaultException e) when (e.StatusCode == 403)
            {
                return (spec, null);
            }
            catch (VaultException e) when (e.IsKeyNotFound)
            {
                // "release@example.test" is a valid name for a URL but usually an e-mail address: look it up below.
            }
        }

        var name = await ResolveAsync(spec, cancellationToken).ConfigureAwait(false);
        return (name, _mountKeys?.FirstOrDefault(k => k.Name == name));
    }

    /// <summary>The name of the one key matching <paramref name="specification"/>; a usage error when none or several do.</summary>
    public async Task<string> ResolveAsync(string specification, CancellationToken cancellationToken)
    {
        var spec = Normalize(specification);
        if (_resolved.TryGetValue(spec, out var known))
        {
            return known;
        }

        var keys = await MountKeysAsync(cancellationToken).ConfigureAwait(false);
        var matches = Match(keys, spec);
        if (matches.Count == 0)
        {
            throw new UsageException($"no key in mount \"{client.Mount}\" matches \"{specification}\" (by name, fingerprint, key ID or user ID)");
        }

        if (matches.Count > 1)
        {
            throw new UsageException($"\"{specification}\" matches several keys in mount \"{client.Mount}\": {string.Join(", ", matches.Select(k => k.Name))}; name one");
        }

        _resolved[spec] = matches[0].Name!;
        return matches[0].Name!;
    }

    /// <summary>
    /// gpg's rules, simplified: hex (optionally 0x-prefixed) matches the end of a primary or subkey fingerprint;
    /// an e-mail address (bare or in angle brackets) matches a user ID's address; anything else matches a key name
    /// exactly, a user ID exactly, or else a user ID by case-insensitive substring.
    /// </summary>
    internal static IReadOnlyList<KeyFacts> Match(IReadOnlyList<KeyFacts> keys, string spec)
    {
        if (KeyIdHex(spec) is { } hex)
        {
            var byId = keys.Where(k => Fingerprints(k).Any(f => f.EndsWith(hex, StringComparison.OrdinalIgnoreCase))).ToList();
            if (byId.Count > 0)
            {
                return byId;
            }
        }

        var email = EmailOf(spec);
        if (email is not null)
        {
            return [.. keys.Where(k => (k.UserIds ?? []).Any(u => string.Equals(EmailOf(u), email, StringComparison.OrdinalIgnoreCase)))];
        }

        var byName = keys.Where(k => string.Equals(k.Name, spec, StringComparison.Ordinal)).ToList();
        if (byName.Count > 0)
        {
            return byName;
        }

        var exact = keys.Where(k => (k.UserIds ?? []).Contains(spec, StringComparer.Ordinal)).ToList();
        return exact.Count > 0
            ? exact
            : [.. keys.Where(k => (k.UserIds ?? []).Any(u => u.Contains(spec, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>
    /// A fingerprint or key ID is resolved through the mount's keys, which prefers a key with that fingerprint or ID
    /// over a key of that name (<see cref="Match"/>). Null when the specification is no such hex, or when the token may
    /// not list or read <c>keys/</c> (403): such a token cannot name a key by fingerprint at all, so a name is meant.
    /// </summary>
    private async Task<string?> TryResolveKeyIdAsync(string spec, CancellationToken cancellationToken)
    {
        if (KeyIdHex(spec) is null)
        {
            return null;
        }

        try
        {
            return await ResolveAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultException e) when (e.StatusCode == 403)
        {
            return null;
        }
    }

    /// <summary>The hex digits of a fingerprint or key ID (optionally 0x-prefixed); null for anything else.</summary>
    private static string? KeyIdHex(string spec)
    {
        var hex = spec.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? spec[2..] : spec;
        return hex.Length is 8 or 16 or 32 or 40 or 64 && HexPattern().IsMatch(hex) ? hex : null;
    }

    /// <summary>gpg accepts "0xID", "FPR!" (exact key) and "&lt;mail&gt;"; the forms mean the same here.</summary>
    internal static string Normalize(string specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var spec = specification.Trim();
        return spec.EndsWith('!') ? spec[..^1] : spec;
    }

    /// <summary>Vault's GenericNameRegex: what may stand in a key's URL at all.</summary>
    internal static bool IsVaultName(string spec) => VaultNamePattern().IsMatch(spec);

    private static IEnumerable<string> Fingerprints(KeyFacts key) =>
        new[] { key.Fingerprint }.Concat((key.Subkeys ?? []).Select(s => s.Fingerprint)).OfType<string>();

    /// <summary>The address of "Name &lt;mail&gt;" or "&lt;mail&gt;" or a bare "mail@host"; null when there is none.</summary>
    private static string? EmailOf(string text)
    {
        var open = text.LastIndexOf('<');
        var close = text.LastIndexOf('>');
        if (open >= 0 && close > open)
        {
            return text[(open + 1)..close].Trim();
        }

        return text.Contains('@', StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal) ? text : null;
    }

    private async Task<IReadOnlyList<KeyFacts>> MountKeysAsync(CancellationToken cancellationToken)
    {
        if (_mountKeys is not null)
        {
            return _mountKeys;
        }

        var names = await client.ListKeysAsync(cancellationToken).ConfigureAwait(false);
        var facts = new KeyFacts?[names.Count];
        await Parallel.ForEachAsync(
                Enumerable.Range(0, names.Count),
                new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var read = await client.ReadKeyAsync(names[i], ct).ConfigureAwait(false);
                    facts[i] = read is null ? null : read with { Name = read.Name ?? names[i] };
                })
            .ConfigureAwait(false);
        _mountKeys = [.. facts.OfType<KeyFacts>()];
        return _mountKeys;
    }

    [GeneratedRegex("^[0-9A-Fa-f]+$")]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"^\w(([\w\-.@]+)?\w)?$")]
    private static partial Regex VaultNamePattern();
}
