using VaultGpg.OpenPgp.Hashing;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>
/// Feeds text into a hash in the canonical form of text-mode (0x01) detached signatures as GnuPG 2.2 makes them:
/// every LF not already preceded by CR becomes CRLF; nothing else changes (trailing whitespace stays, unlike the
/// cleartext framework). Works in streaming fashion across chunk boundaries.
/// </summary>
internal sealed class TextCanonicalizer(ISha2Core target)
{
    private bool _previousWasCr;

    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var lf = data.IndexOf((byte)'\n');
            if (lf < 0)
            {
                target.Append(data);
                _previousWasCr = data[^1] == (byte)'\r';
                return;
            }

            var crBefore = lf > 0 ? data[lf - 1] == (byte)'\r' : _previousWasCr;
            target.Append(data[..lf]);
            target.Append(crBefore ? "\n"u8 : "\r\n"u8);
            _previousWasCr = false;
            data = data[(lf + 1)..];
        }
    }
}
