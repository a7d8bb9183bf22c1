using System.Text;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>Certifications of another key's user ID and transition statements, judged by gpg.</summary>
public sealed class KeyCertifierTests
{
    private const string OtherUserId = "New Release Key <release@example.org>";

    private static OpenPgpKey NewKey(string name) =>
        new KeyGenerator().Generate(new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = name });

    [GpgTheory]
    [InlineData(CertificationType.Generic, true, "10x")]
    [InlineData(CertificationType.Positive, true, "13x")]
    [InlineData(CertificationType.Casual, false, "12l")]
    public async Task Certify_GpgKeysUserId_GpgCheckSigsShowsAGoodCertification(CertificationType type, bool exportable, string gpgClass)
    {
        var certifier = NewKey("Old Release Key");
        await using var gpg = GpgOracle.Create();
        var otherFingerprint = await gpg.GenerateKeyAsync(OtherUserId, "ed25519", "sign", "never", passphrase: "");
        var otherPublic = await gpg.ExportPublicKeyAsync(otherFingerprint);

        var certified = new KeyCertifier().Certify(
            certifier, otherPublic, OtherUserId, new CertificationOptions { Type = type, Exportable = exportable, ExpiresAfter = TimeSpan.FromDays(30) });

        Assert.Equal(otherFingerprint, certified.Fingerprint);
        await using var judge = GpgOracle.Create();
        (await judge.ImportAsync(certifier.ExportPublicKey())).EnsureSuccess("import certifier");
        // gpg keeps local (non-exportable) signatures on import only when told to.
        (await judge.RunAsync(["--import-options", "import-local-sigs", "--import"], Encoding.ASCII.GetBytes(certified.PublicKeyArmored))).EnsureSuccess("import certified");
        var check = await judge.RunAsync(["--with-colons", "--check-sigs", otherFingerprint]);
        var records = GpgColonRecord.ParseAll(check.StdoutText);
        var certification = Assert.Single(records, r => r.Type == "sig" && r.KeyId == certifier.Info.KeyId);
        Assert.Equal("!", certification.Validity);
        Assert.Equal(gpgClass, certification.Field(11));
        Assert.Equal(certified.CreatedAt.AddDays(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), certification.Expires);
    }

    [GpgFact]
    public async Task Certify_UserIdNotOnTheKey_Refused()
    {
        await using var gpg = GpgOracle.Create();
        var otherFingerprint = await gpg.GenerateKeyAsync(OtherUserId, "ed25519", "sign", "never", passphrase: "");
        var otherPublic = await gpg.ExportPublicKeyAsync(otherFingerprint);

        var refusal = Assert.Throws<OpenPgpException>(() => new KeyCertifier().Certify(NewKey("Old"), otherPublic, "Someone Else <x@example.org>"));

        Assert.Equal(OpenPgpErrorKind.InvalidInput, refusal.Kind);
        Assert.Contains("has no user ID \"Someone Else <x@example.org>\"", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Certify_RevokedCertifier_RefusedAsCannotSign()
    {
        var other = NewKey("Other");
        var revoked = new KeyRevoker().Revoke(NewKey("Old"), RevocationReasonCode.Superseded);

        var refusal = Assert.Throws<OpenPgpException>(() => new KeyCertifier().Certify(revoked, other.ExportPublicKey(), "Other"));

        Assert.Equal(OpenPgpErrorKind.CannotSign, refusal.Kind);
        Assert.Contains("revoked", refusal.Message, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task CleartextCosigner_TwoKeys_GpgVerifyReportsTwoGoodSignatures()
    {
        var oldKey = NewKey("Old Release Key");
        var newKey = new KeyGenerator().Generate(new KeyGenerationOptions { Type = KeyType.EcdsaP384, RealName = "New Release Key" });
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(oldKey.ExportPublicKey())).EnsureSuccess("import old");
        (await gpg.ImportAsync(newKey.ExportPublicKey())).EnsureSuccess("import new");

        var statement = new CleartextCosigner().Sign([oldKey, newKey], "old " + oldKey.Info.Fingerprint + "\nnew " + newKey.Info.Fingerprint + "\n");

        var result = await gpg.RunAsync(["--verify", "-"], Encoding.UTF8.GetBytes(statement));
        Assert.Equal(0, result.ExitCode);
        var good = result.StatusOf("VALIDSIG").Select(s => s.Arguments[^1]).ToList();
        Assert.Equal(2, result.StatusOf("GOODSIG").Count());
        Assert.Equal([oldKey.Info.Fingerprint, newKey.Info.Fingerprint], good);
        Assert.False(result.Has("BADSIG"));
    }
}
