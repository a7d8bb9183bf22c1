using VaultGpg.OpenPgp.Verification;

namespace VaultGpg.OpenPgp.Tests.Verification.Differential;

/// <summary>One signature of the differential corpus, with the key it is checked against.</summary>
/// <param name="Name">What the case is, as the table in VERDICTS.md names it.</param>
/// <param name="PublicKey">The transferable public key (binary) the engine, gpg and sqv are given.</param>
/// <param name="Data">The signed (or tampered) data.</param>
/// <param name="Signature">The detached signature (binary).</param>
/// <param name="Expected">The engine status this case is about (the test also checks it is what gpg's status line means).</param>
/// <param name="SqvAccepts">What sqv answered when the table was made: pinned so a change in sqv or the corpus is noticed.</param>
public sealed record VerdictCase(string Name, byte[] PublicKey, byte[] Data, byte[] Signature, VerificationStatus Expected, bool SqvAccepts)
{
    public override string ToString() => Name;
}
