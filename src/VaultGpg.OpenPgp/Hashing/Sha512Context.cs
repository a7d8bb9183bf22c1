using System.Runtime.InteropServices;

namespace VaultGpg.OpenPgp.Hashing;

/// <summary>OpenSSL's <c>SHA512_CTX</c>: 128-bit bit count in Nl (low) and Nh (high), pending bytes in the union
/// <c>u.p</c>, their number in Num. Checked at load time like <see cref="Sha256Context"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Sha512Context
{
    public fixed ulong H[8];
    public ulong Nl;
    public ulong Nh;
    public fixed byte Data[128];
    public uint Num;
    public uint MdLen;
}
