using System.Text;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// One malformed request of the bad-input sweep: the HTTP method, the path under the mount exactly as it goes on the
/// wire (percent-escapes kept, query included), the body bytes (null: none), the operation and path template it was
/// made for, the kind of damage, and the status it must get when one is required (otherwise: anything but 5xx).
/// </summary>
internal sealed record SweepRequest(
    string Method,
    string RawPath,
    byte[]? Body,
    string Template,
    string Kind,
    string ContentType = "application/json",
    int? ExpectedStatus = null)
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The request as a failure message shows it: method, path, and the body cut to a readable length.</summary>
    public string Describe()
    {
        const int shown = 300;
        var body = Body is null ? "(no body)" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, shown * 4));
        if (body.Length > shown)
        {
            body = body[..shown] + $"... ({Body!.Length} bytes)";
        }

        var path = RawPath.Length > shown ? RawPath[..shown] + $"... ({RawPath.Length} chars)" : RawPath;
        return $"{Method} {path} [{Kind}; {Template}] body: {body}";
    }
}
