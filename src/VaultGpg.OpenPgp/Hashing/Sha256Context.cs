using System.Runtime.InteropServices;

namespace VaultGpg.OpenPgp.Hashing;

/// <summary>OpenSSL's <c>SHA256_CTX</c> (include/openssl/sha.h): bit count in Nl/Nh, pending bytes in Data, their
/// number in Num. The layout is checked at load time by <see cref="OpenSslSha2"/>'s self-test.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Sha256Context
{
    public fixed uint H[8];
    public uint Nl;
    public uint Nh;
    public fixed byte Data[64];
    public uint Num;
    public uint MdLen;
}
