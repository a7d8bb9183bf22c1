using System.Globalization;

namespace VaultGpg.Transparency;

/// <summary>
/// A C2SP tlog-policy (c2sp.org/tlog-policy): the logs whose checkpoints are accepted, the witnesses, their groups and
/// the quorum of cosignatures a checkpoint needs. <see cref="Parse"/> follows the spec's rules (names defined before
/// use, each member once, 1 ≤ k ≤ n, one quorum line, no duplicate keys) and names the line of each problem.
/// </summary>
public sealed class TlogPolicy
{
    /// <summary>The quorum that needs no cosignature.</summary>
    public const string None = "none";

    private readonly Dictionary<string, INoteVerifier> _witnesses;
    private readonly Dictionary<string, WitnessGroup> _groups;

    private TlogPolicy(IReadOnlyList<INoteVerifier> logs, Dictionary<string, INoteVerifier> witnesses, Dictionary<string, WitnessGroup> groups, string quorum)
    {
        Logs = logs;
        _witnesses = witnesses;
        _groups = groups;
        Quorum = quorum;
    }

    /// <summary>The logs' verifiers (Ed25519 note keys); empty when the log is known from elsewhere.</summary>
    public IReadOnlyList<INoteVerifier> Logs { get; }

    /// <summary>The witnesses by their names in the policy.</summary>
    public IReadOnlyDictionary<string, INoteVerifier> Witnesses => _witnesses;

    public IReadOnlyDictionary<string, WitnessGroup> Groups => _groups;

    /// <summary>The name of the witness or group that must witness a checkpoint, or <see cref="None"/>.</summary>
    public string Quorum { get; }

    /// <summary>The names of the policy's witnesses with a valid cosignature on <paramref name="checkpoint"/>.</summary>
    public IReadOnlyList<string> CosignedBy(SignedNote checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var valid = checkpoint.VerifiedBy(_witnesses.Values);
        return [.. _witnesses.Where(w => valid.Contains(w.Value)).Select(w => w.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether the witnesses that cosigned <paramref name="checkpoint"/> meet the quorum (the log's own signature is checked elsewhere).</summary>
    public bool QuorumMet(SignedNote checkpoint)
    {
        var cosigned = CosignedBy(checkpoint).ToHashSet(StringComparer.Ordinal);
        return Quorum == None || Witnessed(Quorum, cosigned);
    }

    /// <summary>Reads a policy; a <see cref="FormatException"/> naming the line when it breaks a rule of the spec.</summary>
    public static TlogPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var logs = new List<INoteVerifier>();
        var witnesses = new Dictionary<string, INoteVerifier>(StringComparer.Ordinal);
        var groups = new Dictionary<string, WitnessGroup>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        string? quorum = null;
        var lines = text.Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1];
            if (line.Any(c => (c < 0x20 && c != '\t') || c == 0x7f))
            {
                throw Error(number, "has a control character (only tab and newline are allowed)");
            }

            var items = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (items.Length == 0 || items[0].StartsWith('#'))
            {
                continue;
            }

            switch (items[0])
            {
                case "log" when items.Length is 2 or 3:
                    logs.Add(Key<Ed25519NoteVerifier>(items[1], number, keys, "a log key (type 0x01)"));
                    break;
                case "witness" when items.Length is 3 or 4:
                    NewName(items[1], number, witnesses, groups);
                    witnesses[items[1]] = Key<CosignatureVerifier>(items[2], number, keys, "a witness key (tlog-cosignature, type 0x04)");
                    break;
                case "group" when items.Length >= 4:
                    NewName(items[1], number, witnesses, groups);
                    groups[items[1]] = Group(items, number, witnesses, groups);
                    break;
                case "quorum" when items.Length == 2:
                    if (quorum is not null)
                    {
                        throw Error(number, "is a second quorum line");
                    }

                    quorum = items[1] == None || witnesses.ContainsKey(items[1]) || groups.ContainsKey(items[1])
                        ? items[1]
                        : throw Error(number, $"names \"{items[1]}\", which no earlier line defines");
                    break;
                case "log" or "witness" or "group" or "quorum":
                    throw Error(number, $"has the wrong number of items for \"{items[0]}\"");
                default:
                    throw Error(number, $"starts with unknown keyword \"{items[0]}\"");
            }
        }

        return new TlogPolicy(logs, witnesses, groups, quorum ?? throw new FormatException("policy has no quorum line"));
    }

    private bool Witnessed(string name, HashSet<string> cosigned) =>
        _groups.TryGetValue(name, out var group)
            ? group.Members.Count(m => Witnessed(m, cosigned)) >= group.Threshold
            : cosigned.Contains(name);

    private static T Key<T>(string verifierKey, int number, HashSet<string> keys, string what)
        where T : class, INoteVerifier
    {
        INoteVerifier parsed;
        try
        {
            parsed = Ed25519NoteVerifier.Parse(verifierKey);
        }
        catch (FormatException e)
        {
            throw Error(number, $"has an invalid key: {e.Message}");
        }

        // Duplicates wrap the same public key, whatever their names (the base64 after the second '+').
        return parsed is T key
            ? keys.Add(verifierKey.Split('+', 3)[2]) ? key : throw Error(number, "repeats a key an earlier line has")
            : throw Error(number, $"needs {what}");
    }

    private static void NewName(string name, int number, Dictionary<string, INoteVerifier> witnesses, Dictionary<string, WitnessGroup> groups)
    {
        if (name == None || witnesses.ContainsKey(name) || groups.ContainsKey(name))
        {
            throw Error(number, $"defines \"{name}\", which is {(name == None ? "reserved" : "already defined")}");
        }
    }

    private static WitnessGroup Group(string[] items, int number, Dictionary<string, INoteVerifier> witnesses, Dictionary<string, WitnessGroup> groups)
    {
        var members = items[3..];
        foreach (var member in members)
        {
            if (!witnesses.ContainsKey(member) && !groups.ContainsKey(member))
            {
                throw Error(number, $"has member \"{member}\", which no earlier line defines");
            }
        }

        if (members.Distinct(StringComparer.Ordinal).Count() != members.Length)
        {
            throw Error(number, "lists a member twice");
        }

        var threshold = items[2] switch
        {
            "all" => members.Length,
            "any" => 1,
            _ => TileId.TryParseDecimal(items[2], members.Length, out var k) && k >= 1
                ? k
                : throw Error(number, $"has threshold \"{items[2]}\"; want all, any or a number from 1 to {members.Length}"),
        };
        return new WitnessGroup(items[1], threshold, members);
    }

    private static FormatException Error(int number, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"policy line {number} {problem}"));
}
