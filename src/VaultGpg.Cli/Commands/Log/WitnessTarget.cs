using VaultGpg.Cli.Hosting;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Commands.Log;

/// <summary>
/// One <c>--witness URL[=VKEY]</c>: the witness's submission prefix (add-checkpoint is POSTed to
/// <c>URL/add-checkpoint</c>) and, optionally, its cosignature verifier key (C2SP tlog-cosignature,
/// <c>name+id+base64(0x04 || key)</c>) to check what it answers. The first <c>=</c> splits them (a key's base64 may
/// end in <c>=</c>; a URL with <c>=</c> in it is not supported).
/// </summary>
internal sealed record WitnessTarget(Uri Prefix, CosignatureVerifier? Key)
{
    public Uri AddCheckpoint => new(Prefix.AbsoluteUri.TrimEnd('/') + "/add-checkpoint");

    public static WitnessTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var split = text.IndexOf('=', StringComparison.Ordinal);
        var url = split < 0 ? text : text[..split];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var prefix) || (prefix.Scheme != Uri.UriSchemeHttp && prefix.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--witness: \"{url}\" is not an http or https URL");
        }

        if (split < 0)
        {
            return new WitnessTarget(prefix, null);
        }

        try
        {
            return Ed25519NoteVerifier.Parse(text[(split + 1)..]) is CosignatureVerifier key
                ? new WitnessTarget(prefix, key)
                : throw new UsageException($"--witness {url}: the key is not a cosignature (type 0x04) verifier key");
        }
        catch (FormatException e)
        {
            throw new UsageException($"--witness {url}: {e.Message}");
        }
    }
}
