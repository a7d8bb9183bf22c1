using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Utilities;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// BouncyCastle re-validates an RSA modulus with Miller-Rabin rounds every time it builds an RSA key object (over a
/// thousand times the cost of the object itself: tests/VaultGpg.Benchmarks/RESULTS.md, "BouncyCastle's RSA modulus
/// test"), and <c>PgpPublicKey.GetKey()</c> or <c>InitVerify</c> builds a new one on every call. A key
/// is validated once, when it enters the system (<see cref="ValidateRsaModuli"/>); inside this scope, on the current
/// thread only, BouncyCastle skips the repeated probabilistic test (its cheap checks still run). Synchronous code only:
/// the setting is a BouncyCastle thread property, so the scope must not span an await.
/// </summary>
internal readonly struct TrustedRsaModulusScope : IDisposable
{
    private readonly string? _previous;

    private TrustedRsaModulusScope(string? previous)
    {
        _previous = previous;
    }

    public static TrustedRsaModulusScope Enter()
    {
        var previous = Properties.GetThreadProperty(Properties.RsaMaxMRTests);
        Properties.SetThreadInt32(Properties.RsaMaxMRTests, 0);
        return new TrustedRsaModulusScope(previous);
    }

    public void Dispose()
    {
        if (_previous is null)
        {
            Properties.RemoveThreadProperty(Properties.RsaMaxMRTests);
        }
        else
        {
            Properties.SetThreadProperty(Properties.RsaMaxMRTests, _previous);
        }
    }

    /// <summary>
    /// <c>key.GetKey()</c> without BouncyCastle's repeated modulus test, for keys that came out of an
    /// <see cref="OpenPgpKey"/> (validated when imported or generated). Not for keys from anywhere else.
    /// </summary>
    public static AsymmetricKeyParameter GetTrustedKey(PgpPublicKey key)
    {
        using var trusted = Enter();
        return key.GetKey();
    }

    /// <summary>The full BouncyCastle check (composite, no small factors, size) of every RSA modulus in a ring, once.</summary>
    /// <exception cref="OpenPgpException">A modulus is not a valid RSA modulus (<see cref="OpenPgpErrorKind.MalformedInput"/>).</exception>
    public static void ValidateRsaModuli(IEnumerable<PgpPublicKey> keys)
    {
        foreach (var key in keys)
        {
            if (key.PublicKeyPacket.Key is not RsaPublicBcpgKey rsa)
            {
                continue;
            }

            try
            {
                RsaKeyParameters.ValidateModulus(rsa.Modulus);
            }
            catch (ArgumentException)
            {
                throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, $"key {KeyFacts.KeyId(key)} has an invalid RSA modulus");
            }
        }
    }
}
