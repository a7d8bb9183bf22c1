namespace VaultGpg.OpenPgp.Hashing;

/// <summary>A SHA-2 computation running in libcrypto, with its C context held here so the state can be exported.
/// Only <see cref="Sha2Cores"/> creates these, after <see cref="OpenSslSha2.IsAvailable"/> said yes.</summary>
internal sealed unsafe class OpenSslSha2Core : ISha2Core
{
    private readonly bool _wide;
    private Sha256Context _narrowContext;
    private Sha512Context _wideContext;

    public OpenSslSha2Core(Sha2State state)
    {
        Algorithm = state.Algorithm;
        _wide = Sha2Family.IsWide(state.Algorithm);
        var bits = state.ByteCount * 8;
        if (_wide)
        {
            // Init sets the output length (48 or 64); everything else is overwritten with the imported state.
            OpenSslSha2.Init(ref _wideContext, Algorithm);
            for (var i = 0; i < 8; i++)
            {
                _wideContext.H[i] = state.Words[i];
            }

            _wideContext.Nl = bits;
            _wideContext.Nh = 0;
            fixed (byte* data = _wideContext.Data)
            {
                state.Pending.CopyTo(new Span<byte>(data, 128));
            }

            _wideContext.Num = (uint)state.Pending.Length;
        }
        else
        {
            OpenSslSha2.Init(ref _narrowContext, Algorithm);
            for (var i = 0; i < 8; i++)
            {
                _narrowContext.H[i] = (uint)state.Words[i];
            }

            _narrowContext.Nl = (uint)bits;
            _narrowContext.Nh = (uint)(bits >> 32);
            fixed (byte* data = _narrowContext.Data)
            {
                state.Pending.CopyTo(new Span<byte>(data, 64));
            }

            _narrowContext.Num = (uint)state.Pending.Length;
        }
    }

    public HashAlgorithm Algorithm { get; }

    public ulong ByteCount => _wide
        ? _wideContext.Nl / 8
        : (((ulong)_narrowContext.Nh << 32) | _narrowContext.Nl) / 8;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_wide)
        {
            OpenSslSha2.Update(ref _wideContext, data);
        }
        else
        {
            OpenSslSha2.Update(ref _narrowContext, data);
        }
    }

    public Sha2State Export()
    {
        var words = new ulong[8];
        byte[] pending;
        if (_wide)
        {
            for (var i = 0; i < 8; i++)
            {
                words[i] = _wideContext.H[i];
            }

            fixed (byte* data = _wideContext.Data)
            {
                pending = new Span<byte>(data, (int)_wideContext.Num).ToArray();
            }
        }
        else
        {
            for (var i = 0; i < 8; i++)
            {
                words[i] = _narrowContext.H[i];
            }

            fixed (byte* data = _narrowContext.Data)
            {
                pending = new Span<byte>(data, (int)_narrowContext.Num).ToArray();
            }
        }

        return new Sha2State(Algorithm, ByteCount, words, pending);
    }

    public void Finish(Span<byte> digest)
    {
        if (_wide)
        {
            OpenSslSha2.Final(ref _wideContext, digest);
        }
        else
        {
            OpenSslSha2.Final(ref _narrowContext, digest);
        }
    }
}
