using System.Text;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Builds the conventional user ID "Name (comment) &lt;email&gt;" and refuses parts that would make it ambiguous
/// (the brackets that delimit the parts) or unprintable. Messages name the field by its API name.
/// </summary>
internal static class UserIdFormat
{
    private const int MaxUserIdLength = 1024;

    public static string Build(string? realName, string? comment, string? email)
    {
        var name = Normalize(realName);
        var note = Normalize(comment);
        var mail = Normalize(email);
        CheckText("real_name", name);
        CheckText("comment", note);
        if (mail is not null)
        {
            CheckEmail(mail);
        }

        if (name is null && mail is null)
        {
            throw Invalid("real_name or email is required to build the user ID");
        }

        if (note is not null && name is null)
        {
            throw Invalid("comment needs a real_name to go with it");
        }

        var userId = new StringBuilder();
        if (name is not null)
        {
            userId.Append(name);
        }

        if (note is not null)
        {
            userId.Append(" (").Append(note).Append(')');
        }

        if (mail is not null)
        {
            userId.Append(userId.Length > 0 ? " <" : "<").Append(mail).Append('>');
        }

        if (userId.Length > MaxUserIdLength)
        {
            throw Invalid($"the user ID is too long: at most {MaxUserIdLength} characters");
        }

        return userId.ToString();
    }

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void CheckText(string field, string? value)
    {
        if (value is null)
        {
            return;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) || c is '<' or '>' or '(' or ')')
            {
                throw Invalid($"{field} must not contain control characters or any of < > ( )");
            }
        }
    }

    /// <summary>A plain mailbox: one '@', a non-empty local part, a dotted domain, no spaces, brackets or controls.</summary>
    private static void CheckEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var valid = at > 0
            && at == email.LastIndexOf('@')
            && email.All(c => !char.IsControl(c) && !char.IsWhiteSpace(c) && c is not ('<' or '>' or '(' or ')' or ',' or ';' or '"'))
            && IsDomain(email[(at + 1)..])
            && !email[..at].StartsWith('.') && !email[..at].EndsWith('.') && !email[..at].Contains("..", StringComparison.Ordinal);
        if (!valid)
        {
            throw Invalid($"email {Quote(email)} is not a valid email address (expected local@domain.tld)");
        }
    }

    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        return labels.Length >= 2 && labels.All(l => l.Length > 0 && !l.StartsWith('-') && !l.EndsWith('-'));
    }

    /// <summary>Quotes a user-supplied value for a message, cut short so a huge input does not make a huge message.</summary>
    private static string Quote(string value)
    {
        var shown = new string(value.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return "\"" + shown + (value.Length > 64 ? "…" : string.Empty) + "\"";
    }

    private static OpenPgpException Invalid(string message) => new(OpenPgpErrorKind.InvalidInput, message);
}
