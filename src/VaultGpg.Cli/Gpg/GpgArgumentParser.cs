using System.Globalization;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Signing;

namespace VaultGpg.Cli.Gpg;

/// <summary>
/// Parses the gpg command lines that signing tools really use: rpmsign 4.18
/// (<c>--no-verbose --no-armor --no-secmem-warning [--digest-algo=A] -u NAME -sbo OUT -- -</c>), git
/// (<c>--status-fd=2 -bsau KEY</c>) and apt repository scripts (<c>--clearsign</c>, <c>-abs</c>,
/// <c>--detach-sign --armor</c>, <c>-o FILE</c>, <c>--yes</c>, <c>--batch</c>, <c>--local-user</c>,
/// <c>--digest-algo</c>) and debsign (<c>--local-user K --clearsign --list-options no-show-policy-urls --armor
/// --textmode --output OUT IN</c>), and scripts that drive gpg unattended (<c>--batch --pinentry-mode loopback
/// --passphrase-fd 0</c>, <c>--passphrase-file F</c>, <c>--passphrase P</c>: the key is in Vault, so a passphrase is
/// read where gpg reads it and thrown away; the option's value itself is never kept). Several <c>-u</c> sign once
/// with each key, as gpg does. Short options cluster (<c>-bsau KEY</c>), long options take <c>=VALUE</c> or the next
/// argument, <c>--</c> ends options. Anything else is a <see cref="UsageException"/> naming the option: it would
/// change what gpg produces, and producing something else silently is worse than refusing.
/// </summary>
internal static class GpgArgumentParser
{
    /// <summary>Options that change nothing for a signature made by Vault; the value-taking ones consume their value.</summary>
    private static readonly HashSet<string> IgnoredFlags = new(StringComparer.Ordinal)
    {
        "batch", "no-batch", "no-tty", "no-verbose", "verbose", "quiet", "no-secmem-warning", "no-permission-warning",
        "no-greeting", "use-agent", "no-use-agent", "no-auto-check-trustdb", "no-default-keyring", "always-trust",
        "no-options", "expert", "no-expert", "force-v4-certs", "utf8-strings", "no-mdc-warning", "no-emit-version", "emit-version",
    };

    private static readonly HashSet<string> IgnoredWithValue = new(StringComparer.Ordinal)
    {
        "pinentry-mode", "homedir", "keyid-format", "passphrase-file", "passphrase", "trust-model",
        "charset", "display-charset", "options", "keyring", "secret-keyring", "logger-fd", "agent-program", "comment",
        "list-options", "verify-options",
    };

    /// <summary>Commands that read or verify rather than sign: the real gpg answers them.</summary>
    private static readonly HashSet<string> PassThroughCommands = new(StringComparer.Ordinal)
    {
        "verify", "verify-files", "list-keys", "list-public-keys", "list-sigs", "check-sigs", "fingerprint",
        "list-packets", "import", "export", "recv-keys", "list-config", "dump-options",
    };

    public static GpgInvocation Parse(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Any(IsPassThroughCommand))
        {
            return new GpgInvocation { Action = GpgAction.PassToRealGpg };
        }

        var state = new State();
        var files = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument == "--")
            {
                files.AddRange(arguments.Skip(i + 1));
                break;
            }

            if (argument.StartsWith("--", StringComparison.Ordinal))
            {
                i = ParseLong(arguments, i, state);
            }
            else if (argument.Length > 1 && argument[0] == '-')
            {
                i = ParseShortCluster(arguments, i, state);
            }
            else
            {
                files.Add(argument);
            }
        }

        return Finish(state, files);
    }

    private static bool IsPassThroughCommand(string argument) =>
        argument.StartsWith("--", StringComparison.Ordinal) && PassThroughCommands.Contains(argument[2..].Split('=', 2)[0]);

    private static int ParseLong(IReadOnlyList<string> arguments, int index, State state)
    {
        var text = arguments[index][2..];
        var split = text.Split('=', 2);
        var name = split[0];
        string? inline = split.Length == 2 ? split[1] : null;
        string Value()
        {
            if (inline is not null)
            {
                return inline;
            }

            if (index + 1 >= arguments.Count)
            {
                throw new UsageException($"option --{name} needs a value");
            }

            return arguments[++index];
        }

        switch (name)
        {
            case "sign": state.Sign = true; break;
            case "detach-sign" or "detach-sig": state.Detach = true; break;
            case "clearsign" or "clear-sign": state.Clear = true; break;
            case "armor" or "armour": state.Armor = true; break;
            case "no-armor" or "no-armour": state.Armor = false; break;
            case "textmode": state.TextMode = true; break;
            case "no-textmode": state.TextMode = false; break;
            case "local-user": state.AddLocalUser(Value()); break;
            case "default-key": state.DefaultKey = Value(); break;
            case "passphrase-fd": state.PassphraseFd = ParseFd(Value(), "--passphrase-fd"); break;
            case "output": state.Output = Value(); break;
            case "digest-algo": state.Digest = Value(); break;
            case "status-fd": state.StatusFd = ParseFd(Value(), "--status-fd"); break;
            case "yes": state.Yes = true; break;
            case "version": state.Version = true; break;
            default:
                if (IgnoredFlags.Contains(name) && inline is null)
                {
                    break;
                }

                if (IgnoredWithValue.Contains(name))
                {
                    _ = Value();
                    break;
                }

                throw Unsupported("--" + name);
        }

        return index;
    }

    private static int ParseShortCluster(IReadOnlyList<string> arguments, int index, State state)
    {
        var cluster = arguments[index];
        for (var c = 1; c < cluster.Length; c++)
        {
            var letter = cluster[c];
            switch (letter)
            {
                case 's': state.Sign = true; break;
                case 'b': state.Detach = true; break;
                case 'a': state.Armor = true; break;
                case 't': state.TextMode = true; break;
                case 'q' or 'v': break;
                case 'u' or 'o':
                    // The value is the rest of the cluster ("-uKEY") or the next argument ("-u KEY", "-bsau KEY").
                    string value;
                    if (c + 1 < cluster.Length)
                    {
                        value = cluster[(c + 1)..];
                    }
                    else if (index + 1 < arguments.Count)
                    {
                        value = arguments[++index];
                    }
                    else
                    {
                        throw new UsageException($"option -{letter} needs a value");
                    }

                    if (letter == 'u')
                    {
                        state.AddLocalUser(value);
                    }
                    else
                    {
                        state.Output = value;
                    }

                    return index;
                default:
                    throw Unsupported("-" + letter);
            }
        }

        return index;
    }

    private static GpgInvocation Finish(State state, List<string> files)
    {
        if (state.Version)
        {
            return new GpgInvocation { Action = GpgAction.Version };
        }

        GpgAction action;
        if (state.Clear)
        {
            if (state.Detach)
            {
                throw new UsageException("conflicting commands: --clearsign and --detach-sign");
            }

            action = GpgAction.ClearSign;
        }
        else if (state.Detach)
        {
            action = GpgAction.DetachSign;
        }
        else if (state.Sign)
        {
            throw new UsageException("-s/--sign without -b makes an inline signed message, which is not supported; use --detach-sign or --clearsign");
        }
        else
        {
            throw new UsageException("no command given: use --detach-sign (-b), --clearsign or --verify");
        }

        if (files.Count > 1)
        {
            throw new UsageException($"only one input file can be signed at a time ({files.Count} given)");
        }

        return new GpgInvocation
        {
            Action = action,
            Armor = state.Armor,
            TextMode = state.TextMode,
            LocalUsers = state.LocalUsers,
            DefaultKey = state.DefaultKey,
            PassphraseFd = state.PassphraseFd,
            Output = state.Output,
            Digest = state.Digest is null ? null : DigestNames.Parse(state.Digest, "--digest-algo"),
            StatusFd = state.StatusFd,
            Yes = state.Yes,
            Files = files,
        };
    }

    private static int ParseFd(string value, string option) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var fd)
            ? fd
            : throw new UsageException($"{option} {value}: not a file descriptor number");

    private static UsageException Unsupported(string option) =>
        new($"unsupported option {option}: vaultgpg's gpg mode signs with --detach-sign/--clearsign and hands --verify to gpg; nothing was written");

    private sealed class State
    {
        public bool Sign { get; set; }

        public bool Detach { get; set; }

        public bool Clear { get; set; }

        public bool Armor { get; set; }

        public bool TextMode { get; set; }

        public bool Yes { get; set; }

        public bool Version { get; set; }

        public List<string> LocalUsers { get; } = [];

        public string? DefaultKey { get; set; }

        public int? PassphraseFd { get; set; }

        public string? Output { get; set; }

        public string? Digest { get; set; }

        public int? StatusFd { get; set; }

        /// <summary>gpg skips a key named twice ("skipped: duplicated"); the same text twice is the same key here.</summary>
        public void AddLocalUser(string user)
        {
            if (!LocalUsers.Contains(user, StringComparer.Ordinal))
            {
                LocalUsers.Add(user);
            }
        }
    }
}
