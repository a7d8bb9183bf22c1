namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Which exceptions from BouncyCastle mean "this input is bad". Its parser reports malformed data through many
/// exception types (I/O, casts, index and argument errors, its own packet-version exceptions that derive from no
/// common base), so callers translate every exception into one typed error except our own and those that signal a
/// broken process rather than bad input.
/// </summary>
internal static class ParserFailure
{
    public static bool IsParserFailure(Exception ex) => ex
        is not OpenPgpException
        and not OutOfMemoryException
        and not OperationCanceledException
        and not InsufficientExecutionStackException
        and not ThreadInterruptedException;
}
