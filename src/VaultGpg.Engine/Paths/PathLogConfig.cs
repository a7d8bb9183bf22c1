using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Log;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Paths;

/// <summary><c>log/config</c>: turn the mount's transparency log on or off and read its verifier key.</summary>
internal sealed class PathLogConfig(TransparencyLog transparency, ILogger<PathLogConfig> log)
{
    private static readonly FieldSchema<string> Origin = Field.String(
        "origin",
        "The log's name, in every checkpoint and entry and as the name of its key: a URL-like name without scheme or " +
        "trailing slash, unique to this log, best the public prefix of its tiles (e.g. vault.example.com/v1/gpg/log). " +
        "Required the first time; it cannot change once set.");

    private static readonly FieldSchema<bool> Enabled = Field.Bool(
        "enabled",
        "Whether every signature and key event of the mount goes into the log (and a signature is returned only once " +
        "logged). Default: false; the first write turns the log on unless enabled=false is sent.");

    private static readonly FieldSchema<IReadOnlyList<string>> Witnesses = Field.StringList(
        "witnesses",
        "Verifier keys of the witnesses whose C2SP tlog-cosignature/v1 lines log/cosignatures accepts (name+id+base64 of " +
        "0x04 and the Ed25519 key). Replaces the list when sent. Default: none.");

    public static PathDefinition[] Define(PathLogConfig h) =>
    [
        new("log/config")
        {
            Fields = [Origin, Enabled, Witnesses],
            Operations =
            {
                [Operation.Read] = new(h.ReadAsync) { Summary = "Read the transparency log's settings and verifier key." },
                [Operation.Update] = new(h.WriteAsync) { Summary = "Configure the transparency log." },
            },
            HelpSynopsis = Synopsis,
            HelpDescription = Description,
        },
        new("log/verifier-key")
        {
            Operations = { [Operation.Read] = new(h.ReadVerifierKeyAsync) { Summary = "The log's verifier key, as text (public)." } },
            HelpSynopsis = VerifierKeySynopsis,
            HelpDescription = VerifierKeyDescription,
        },
    ];

    private async Task<Response?> ReadAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var config = await transparency.GetConfigAsync(request.Storage, cancellationToken).ConfigureAwait(false);
        if (config is null)
        {
            return Response.WithData(new JsonObject { ["enabled"] = false });
        }

        return Response.WithData(new JsonObject
        {
            ["origin"] = config.Origin,
            ["enabled"] = config.Enabled,
            ["witnesses"] = new JsonArray([.. config.Witnesses.Select(w => JsonValue.Create(w))]),
            ["verifier_key"] = await transparency.GetVerifierKeyAsync(request.Storage, cancellationToken).ConfigureAwait(false),
        });
    }

    private async Task<Response?> WriteAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var current = await transparency.GetConfigAsync(request.Storage, cancellationToken).ConfigureAwait(false);
        var origin = data.TryGet(Origin, out var sent) ? sent : current?.Origin;
        if (origin is null)
        {
            return Response.InvalidRequest("origin: required the first time the log is configured");
        }

        if (!IsValidOrigin(origin))
        {
            return Response.InvalidRequest($"origin: invalid \"{origin}\"; must be a URL-like name without scheme, spaces, '+' or a trailing slash");
        }

        var witnesses = data.TryGet(Witnesses, out var sentWitnesses) ? sentWitnesses : current?.Witnesses ?? [];
        foreach (var witness in witnesses)
        {
            if (!IsCosignatureKey(witness))
            {
                return Response.InvalidRequest($"witnesses: \"{witness}\" is not a cosignature verifier key (name+hex id+base64 of 0x04 and a 32-byte Ed25519 key)");
            }
        }

        var config = new LogConfig
        {
            Origin = origin,
            Enabled = data.TryGet(Enabled, out var enabled) ? enabled : current?.Enabled ?? true,
            Witnesses = witnesses,
        };
        var refused = await transparency.ConfigureAsync(request.Storage, config, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return Response.InvalidRequest("origin: " + refused);
        }

        EngineLog.LogConfigured(log, config.Origin, config.Enabled, request.Id);
        return await ReadAsync(request, data, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Response?> ReadVerifierKeyAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var key = await transparency.GetVerifierKeyAsync(request.Storage, cancellationToken).ConfigureAwait(false);
        return key is null ? null : RawResponse.Ok(RawResponse.Text, System.Text.Encoding.UTF8.GetBytes(key + "\n"));
    }

    private static bool IsCosignatureKey(string key)
    {
        try
        {
            return Ed25519NoteVerifier.Parse(key) is CosignatureVerifier;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The longest origin, in UTF-16 code units (up to three UTF-8 bytes each).</summary>
    internal const int MaxOriginLength = 256;

    internal static bool IsValidOrigin(string origin) =>
        NoteKeyId.IsValidName(origin) && !origin.Contains("://", StringComparison.Ordinal) && !origin.EndsWith('/') && origin.Length <= MaxOriginLength;

    private const string Synopsis = "Configure the mount's transparency log.";

    private const string Description = """
        The transparency log puts every signature and key event of this mount in a public append-only Merkle log
        (C2SP checkpoints and tiles, served under log/ without a token), so that a leaked token can still sign but no
        longer in secret. Writing origin the first time generates the log's Ed25519 key in Vault (it never leaves) and
        turns the log on; enabled turns it off and on again. Reading returns the settings and verifier_key, the
        <origin>+<id>+<base64> string users pin to check checkpoints.
        """;

    private const string VerifierKeySynopsis = "The transparency log's verifier key.";

    private const string VerifierKeyDescription = """
        The log's signed-note verifier key (<origin>+<key id>+<base64 key>) as text/plain, readable without a token.
        Pin it from a trusted channel: a key read from the same server that serves the log proves nothing by itself.
        """;
}
