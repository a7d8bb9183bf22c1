using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Which exceptions from BouncyCastle mean "this input is bad". Its parser reports malformed data through many
/// exception types (I/O, casts, index and argument errors), so callers translate all of these into one typed
/// error; only our own exceptions and process-level failures pass through.
/// </summary>
internal static class ParserFailure
{
    public static bool IsParserFailure(Exception ex) => ex
        is IOException
        or PgpException
        or InvalidCastException
        or ArgumentException
        or IndexOutOfRangeException
        or InvalidOperationException
        or NullReferenceException
        or OverflowException
        or FormatException
        or NotSupportedException
        or NotImplementedException
        or ArithmeticException
        or Org.BouncyCastle.Security.GeneralSecurityException
        or Org.BouncyCastle.Crypto.CryptoException;
}
