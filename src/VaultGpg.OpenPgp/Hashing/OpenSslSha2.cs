using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace VaultGpg.OpenPgp.Hashing;

/// <summary>
/// OpenSSL's low-level SHA-2 entry points, resolved once from the libcrypto that .NET itself uses on Linux. They are
/// deprecated in OpenSSL 3 but exported, run the same assembly (SHA-NI) as EVP, and keep their state in a plain C
/// struct we can read and write, which EVP does not allow. If the library is missing or the struct layout does not
/// behave as we expect (checked with a known-answer and state self-test), <see cref="IsAvailable"/> is false and
/// callers use the managed core.
/// </summary>
internal static unsafe class OpenSslSha2
{
    private static readonly string[] LibraryNames = ["libcrypto.so.3", "libcrypto.so"];

    private static readonly delegate* unmanaged<Sha256Context*, int> Sha224Init;
    private static readonly delegate* unmanaged<Sha256Context*, int> Sha256Init;
    private static readonly delegate* unmanaged<Sha256Context*, byte*, nuint, int> Sha256Update;
    private static readonly delegate* unmanaged<byte*, Sha256Context*, int> Sha256Final;
    private static readonly delegate* unmanaged<Sha512Context*, int> Sha384Init;
    private static readonly delegate* unmanaged<Sha512Context*, int> Sha512Init;
    private static readonly delegate* unmanaged<Sha512Context*, byte*, nuint, int> Sha512Update;
    private static readonly delegate* unmanaged<byte*, Sha512Context*, int> Sha512Final;

#pragma warning disable CA1810 // The exports must be resolved together and self-tested; a static constructor says so.
    static OpenSslSha2()
#pragma warning restore CA1810
    {
        var library = LibraryNames.Select(name => NativeLibrary.TryLoad(name, out var handle) ? handle : 0).FirstOrDefault(h => h != 0);
        if (library == 0
            || !NativeLibrary.TryGetExport(library, "SHA224_Init", out var sha224Init)
            || !NativeLibrary.TryGetExport(library, "SHA256_Init", out var sha256Init)
            || !NativeLibrary.TryGetExport(library, "SHA256_Update", out var sha256Update)
            || !NativeLibrary.TryGetExport(library, "SHA256_Final", out var sha256Final)
            || !NativeLibrary.TryGetExport(library, "SHA384_Init", out var sha384Init)
            || !NativeLibrary.TryGetExport(library, "SHA512_Init", out var sha512Init)
            || !NativeLibrary.TryGetExport(library, "SHA512_Update", out var sha512Update)
            || !NativeLibrary.TryGetExport(library, "SHA512_Final", out var sha512Final))
        {
            return;
        }

        Sha224Init = (delegate* unmanaged<Sha256Context*, int>)sha224Init;
        Sha256Init = (delegate* unmanaged<Sha256Context*, int>)sha256Init;
        Sha256Update = (delegate* unmanaged<Sha256Context*, byte*, nuint, int>)sha256Update;
        Sha256Final = (delegate* unmanaged<byte*, Sha256Context*, int>)sha256Final;
        Sha384Init = (delegate* unmanaged<Sha512Context*, int>)sha384Init;
        Sha512Init = (delegate* unmanaged<Sha512Context*, int>)sha512Init;
        Sha512Update = (delegate* unmanaged<Sha512Context*, byte*, nuint, int>)sha512Update;
        Sha512Final = (delegate* unmanaged<byte*, Sha512Context*, int>)sha512Final;
        IsAvailable = SelfTestPasses();
    }

    /// <summary>True when libcrypto loaded and behaves exactly like the managed core on a test vector.</summary>
    public static bool IsAvailable { get; }

    public static void Init(ref Sha256Context context, HashAlgorithm algorithm)
    {
        fixed (Sha256Context* c = &context)
        {
            Check(algorithm == HashAlgorithm.Sha224 ? Sha224Init(c) : Sha256Init(c));
        }
    }

    public static void Init(ref Sha512Context context, HashAlgorithm algorithm)
    {
        fixed (Sha512Context* c = &context)
        {
            Check(algorithm == HashAlgorithm.Sha384 ? Sha384Init(c) : Sha512Init(c));
        }
    }

    public static void Update(ref Sha256Context context, ReadOnlySpan<byte> data)
    {
        fixed (Sha256Context* c = &context)
        fixed (byte* d = data)
        {
            Check(Sha256Update(c, d, (nuint)data.Length));
        }
    }

    public static void Update(ref Sha512Context context, ReadOnlySpan<byte> data)
    {
        fixed (Sha512Context* c = &context)
        fixed (byte* d = data)
        {
            Check(Sha512Update(c, d, (nuint)data.Length));
        }
    }

    /// <summary>Writes <c>MdLen</c> bytes (set by Init: 28 or 32) into <paramref name="digest"/>.</summary>
    public static void Final(ref Sha256Context context, Span<byte> digest)
    {
        Span<byte> full = stackalloc byte[32];
        fixed (Sha256Context* c = &context)
        fixed (byte* d = full)
        {
            Check(Sha256Final(d, c));
        }

        full[..digest.Length].CopyTo(digest);
    }

    public static void Final(ref Sha512Context context, Span<byte> digest)
    {
        Span<byte> full = stackalloc byte[64];
        fixed (Sha512Context* c = &context)
        fixed (byte* d = full)
        {
            Check(Sha512Final(d, c));
        }

        full[..digest.Length].CopyTo(digest);
    }

    private static void Check(int result)
    {
        if (result != 1)
        {
            throw new CryptographicException("libcrypto SHA-2 call failed");
        }
    }

    /// <summary>
    /// Hashes a message of 2.5 blocks natively and compares state and digest with the managed core and .NET: proves
    /// the struct layout (where the chaining value, the bit count and the pending bytes live) on this very library.
    /// </summary>
    private static bool SelfTestPasses()
    {
        try
        {
            var message = new byte[300];
            for (var i = 0; i < message.Length; i++)
            {
                message[i] = (byte)((i * 31) + 7);
            }

            return SelfTest(HashAlgorithm.Sha256, message, SHA256.HashData(message))
                && SelfTest(HashAlgorithm.Sha512, message, SHA512.HashData(message));
        }
        catch (Exception ex) when (ex is CryptographicException or EntryPointNotFoundException or AccessViolationException)
        {
            return false;
        }
    }

    private static bool SelfTest(HashAlgorithm algorithm, byte[] message, byte[] expectedDigest)
    {
        var native = new OpenSslSha2Core(Sha2Cores.InitialState(algorithm));
        var managed = Sha2Cores.CreateManaged(Sha2Cores.InitialState(algorithm));
        native.Append(message.AsSpan(0, 170));
        managed.Append(message.AsSpan(0, 170));
        var nativeState = native.Export();
        var managedState = managed.Export();
        if (nativeState.ByteCount != managedState.ByteCount
            || !nativeState.Words.AsSpan().SequenceEqual(managedState.Words)
            || !nativeState.Pending.AsSpan().SequenceEqual(managedState.Pending))
        {
            return false;
        }

        var resumed = new OpenSslSha2Core(managedState);
        resumed.Append(message.AsSpan(170));
        var digest = new byte[expectedDigest.Length];
        resumed.Finish(digest);
        return digest.AsSpan().SequenceEqual(expectedDigest);
    }
}
