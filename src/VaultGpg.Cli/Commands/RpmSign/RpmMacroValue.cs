using System.Text.RegularExpressions;

namespace VaultGpg.Cli.Commands.RpmSign;

/// <summary>
/// A key name put into an rpm macro on rpmsign's command line (<c>--define "_gpg_name NAME"</c>). rpm expands macros
/// in it: <c>%(cmd)</c> would run a shell command, <c>%{...}</c> would expand, a newline would end the definition. The
/// name may come from Vault (resolved from an e-mail address or key ID), so it is checked to be a Vault key name
/// (letters, digits, <c>_ - . @</c>) and any % is doubled anyway (rpm's escape for a literal %).
/// </summary>
internal static partial class RpmMacroValue
{
    public static string KeyName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!SafeName().IsMatch(name))
        {
            throw new Hosting.UsageException($"refusing key name \"{name.ReplaceLineEndings(" ")}\" for rpm's _gpg_name macro: only letters, digits and _ - . @ are allowed");
        }

        return name.Replace("%", "%%", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_\-.@]*$")]
    private static partial Regex SafeName();
}
