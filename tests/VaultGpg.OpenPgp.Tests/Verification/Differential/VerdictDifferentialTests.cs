using System.Globalization;
using System.Text;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Verification.Differential;

/// <summary>
/// The engine's verdict against gpg's and sqv's on the whole corpus (<see cref="VerdictCorpusFixture"/>): valid exactly
/// when gpg prints GOODSIG, with the status gpg's status line means; SHA-1 is the one deliberate difference; where sqv
/// differs is pinned per case (and tabled in VERDICTS.md, regenerated with VAULTGPG_VERDICT_TABLE=path).
/// </summary>
public sealed class VerdictDifferentialTests(VerdictCorpusFixture corpus) : IClassFixture<VerdictCorpusFixture>
{
    [GpgFact("sqv")]
    public void Corpus_EveryCase_EngineAgreesWithGpg()
    {
        // Arrange
        var disagreements = new List<string>();

        // Act
        foreach (var c in corpus.Cases)
        {
            var engine = Verify(c);
            var (gpg, _) = corpus.VerdictOf(c);
            var deliberate = c.Name == VerdictCorpusFixture.Sha1CaseName;
            if (engine.Status != c.Expected)
            {
                disagreements.Add($"{c.Name}: engine {engine.Status} ({engine.Reason}), case expects {c.Expected}");
            }

            if (!deliberate && (engine.Valid != gpg.IsGood || !gpg.MatchingStatuses().Contains(engine.Status)))
            {
                disagreements.Add($"{c.Name}: engine {engine.Status} (valid {engine.Valid}), gpg {gpg}");
            }
        }

        // Assert
        Assert.True(corpus.Cases.Count >= 40, $"only {corpus.Cases.Count} cases");
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    [GpgFact("sqv")]
    public void Sha1Signature_GpgSaysGood_EngineSaysWeakHash()
    {
        var c = corpus.Cases.Single(c => c.Name == VerdictCorpusFixture.Sha1CaseName);

        var engine = Verify(c);

        Assert.True(corpus.VerdictOf(c).Gpg.IsGood);
        Assert.False(engine.Valid);
        Assert.Equal(VerificationStatus.WeakHash, engine.Status);
        Assert.Contains("SHA-1", engine.Reason, StringComparison.Ordinal);
    }

    [GpgFact("sqv")]
    public async Task Corpus_EveryCase_SqvAsPinned()
    {
        var table = new StringBuilder()
            .AppendLine("| case | gpg 2.2 | engine | sqv |")
            .AppendLine("|---|---|---|---|");
        var changed = new List<string>();
        foreach (var c in corpus.Cases)
        {
            var engine = Verify(c);
            var (gpg, sqv) = corpus.VerdictOf(c);
            table.AppendLine(CultureInfo.InvariantCulture, $"| {c.Name} | {gpg} | {VerdictName(engine)} | {(sqv ? "accepts" : "rejects")} |");
            if (sqv != c.SqvAccepts)
            {
                changed.Add($"{c.Name}: sqv {(sqv ? "accepts" : "rejects")}, pinned {(c.SqvAccepts ? "accepts" : "rejects")}");
            }
        }

        if (Environment.GetEnvironmentVariable("VAULTGPG_VERDICT_TABLE") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, table.ToString());
        }

        Assert.True(changed.Count == 0, string.Join("\n", changed));
    }

    [GpgTheory("sqv")]
    [InlineData("subkey revoked as compromised, signed before", RevocationCode.KeyCompromised, "key leaked")]
    [InlineData("subkey revoked as superseded, signed before", RevocationCode.KeySuperseded, "replaced by a new key")]
    [InlineData("subkey revoked as retired, signed before", RevocationCode.KeyRetired, "")]
    [InlineData("revoked primary key (revocation certificate)", RevocationCode.NoReason, "")]
    public void RevokedKey_ReasonAndTimeReported(string name, RevocationCode code, string text)
    {
        var c = corpus.Cases.Single(c => c.Name == name);

        var engine = Verify(c);

        Assert.Equal(VerificationStatus.RevokedKey, engine.Status);
        Assert.Equal(code, engine.Revocation?.Code);
        Assert.Equal(text, engine.Revocation?.Text);
        Assert.NotNull(engine.Revocation?.RevokedAt);
    }

    [GpgFact("sqv")]
    public void ExpiredSubkey_ExpiryTimeReported()
    {
        var c = corpus.Cases.Single(c => c.Name == "expired signing subkey, signed before expiry");

        var engine = Verify(c);

        Assert.Equal(VerificationStatus.ExpiredKey, engine.Status);
        Assert.Equal(corpus.Base.AddDays(2), engine.KeyExpiresAt);
    }

    private static VerificationResult Verify(VerdictCase c) =>
        SignatureVerifier.VerifyDetached(OpenPgpKey.FromStoredForm(c.PublicKey), c.Data, c.Signature);

    private static string VerdictName(VerificationResult result) =>
        $"{(result.Valid ? "valid" : "not valid")}, {result.Status}";
}
