namespace VaultGpg.TestSupport;

/// <summary>The outcome of one gpg run: the process result plus its status lines (written to a separate file,
/// so stdout stays byte-exact for exports and encrypted output).</summary>
public sealed record GpgResult(ProcessResult Process, IReadOnlyList<GpgStatusLine> Status)
{
    public int ExitCode => Process.ExitCode;

    public byte[] Stdout => Process.Stdout;

    public string StdoutText => Process.StdoutText;

    public string Stderr => Process.Stderr;

    public IEnumerable<GpgStatusLine> StatusOf(string keyword) =>
        Status.Where(s => string.Equals(s.Keyword, keyword, StringComparison.Ordinal));

    public bool Has(string keyword) => StatusOf(keyword).Any();

    /// <summary>
    /// gpg judged a signature good: GOODSIG, and none of EXPSIG, EXPKEYSIG, REVKEYSIG, BADSIG or ERRSIG. (VALIDSIG alone
    /// is not enough: gpg prints it for expired signatures and for expired or revoked keys too.)
    /// </summary>
    public bool IsGood => Has("GOODSIG") && !new[] { "EXPSIG", "EXPKEYSIG", "REVKEYSIG", "BADSIG", "ERRSIG" }.Any(Has);

    /// <summary>Throws with stderr and status when gpg failed: tests that only prepare state use this.</summary>
    public GpgResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"gpg {what} failed: {Process}; status: {string.Join(" | ", Status)}");
        }

        return this;
    }

    public override string ToString() => $"{Process}; status: {string.Join(" | ", Status)}";
}
