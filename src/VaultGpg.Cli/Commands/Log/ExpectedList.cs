using System.Globalization;
using VaultGpg.Cli.Hosting;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Commands.Log;

/// <summary>
/// The <c>--expected</c> file of <c>log monitor</c>: what a release pipeline meant to sign, one item a line (blank lines
/// and lines starting with <c>#</c> are ignored):
/// <code>
/// digest sha256:&lt;hex&gt;        a signed file's digest, as the entry's digest line writes it (sha224/256/384/512)
/// signature sha256:&lt;hex&gt;     the SHA-256 of a binary signature packet, as the entry's signature line writes it
/// &lt;hex&gt;  &lt;file name&gt;         a line of sha256sum (or sha224/384/512sum) output: that file's digest
/// event &lt;event&gt; &lt;key name&gt;   a key event (create, import, subkey-add, subkey-remove, config, delete, ...) or a
///                           build gate event (policy, policy-delete, attestation)
/// </code>
/// A signature is expected when its digest or its signature hash is listed; a key event when its event and name are;
/// a gate policy change (the policy entry and its policy-builder entries) by <c>event policy NAME</c>; an attestation
/// by <c>event attestation NAME</c> or its digest; a gated signature by its digest, as its signature entry.
/// </summary>
internal sealed class ExpectedList
{
    private static readonly Dictionary<int, string> AlgorithmByHexLength =
        SignatureEntry.DigestAlgorithms.ToDictionary(a => a.Value * 2, a => a.Key);

    private readonly HashSet<string> _digests = new(StringComparer.Ordinal);
    private readonly HashSet<string> _signatures = new(StringComparer.Ordinal);
    private readonly HashSet<(string Event, string Name)> _events = [];

    public int Count => _digests.Count + _signatures.Count + _events.Count;

    public bool Expects(LogEntry entry) => entry switch
    {
        SignatureEntry signature => _digests.Contains(signature.DigestAlgorithm + ":" + Convert.ToHexStringLower(signature.Digest))
            || _signatures.Contains(Convert.ToHexStringLower(signature.SignatureHash)),
        KeyEventEntry keyEvent => _events.Contains((keyEvent.Event, keyEvent.Name)),
        GateEntry { Event: GateEntry.Policy or GateEntry.PolicyBuilder, Name: { } name } => _events.Contains((GateEntry.Policy, name)),
        GateEntry { Event: GateEntry.Attestation, Name: { } name } gate => _events.Contains((gate.Event, name)) || _digests.Contains(gate.Digest!),
        GateEntry { Event: GateEntry.Signature, Digest: { } digest } => _digests.Contains(digest),
        GateEntry { Name: { } name } gate => _events.Contains((gate.Event, name)),
        _ => false,
    };

    /// <summary>Reads the list; a <see cref="UsageException"/> naming the file and line when one is not in the format.</summary>
    public static ExpectedList Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new ExpectedList();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!list.TryAdd(line))
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"{fileName}:{i + 1}: not an expected item (want \"digest ALG:HEX\", \"signature sha256:HEX\", \"HEX  FILE\" or \"event EVENT NAME\")"));
            }
        }

        return list;
    }

    public static async Task<ExpectedList> LoadAsync(string path, CancellationToken cancellationToken) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);

    private bool TryAdd(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (words)
        {
            case ["digest", var digest] when Hash(digest) is { } parsed && SignatureEntry.DigestAlgorithms.ContainsKey(parsed.Algorithm):
                _digests.Add(parsed.Algorithm + ":" + parsed.Hex);
                return true;
            case ["signature", var signature] when Hash(signature) is { Algorithm: "sha256" } parsed:
                _signatures.Add(parsed.Hex);
                return true;
            case ["event", var keyEvent, var name]:
                _events.Add((keyEvent, name));
                return true;
            case [var hex, ..] when IsHex(hex) && AlgorithmByHexLength.TryGetValue(hex.Length, out var algorithm):
                // sha256sum and friends: "<hex>  <file>" (or "<hex> *<file>" in binary mode); the name is not needed.
                _digests.Add(algorithm + ":" + hex.ToLowerInvariant());
                return true;
            default:
                return false;
        }
    }

    private static (string Algorithm, string Hex)? Hash(string word)
    {
        var colon = word.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var (algorithm, hex) = (word[..colon], word[(colon + 1)..]);
        return IsHex(hex) && AlgorithmByHexLength.TryGetValue(hex.Length, out var byLength) && byLength == algorithm
            ? (algorithm, hex.ToLowerInvariant())
            : null;
    }

    private static bool IsHex(string text) => text.Length > 0 && text.All(char.IsAsciiHexDigit);
}
