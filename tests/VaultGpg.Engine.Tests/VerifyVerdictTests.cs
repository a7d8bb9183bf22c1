using Microsoft.Extensions.Time.Testing;
using VaultGpg.Engine.Paths;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Tests;

/// <summary>verify/:name answers gpg's verdict: status, reason and the times that explain it (the verdicts themselves
/// are proven against gpg and sqv in VaultGpg.OpenPgp.Tests' differential suite).</summary>
public sealed class VerifyVerdictTests
{
    private static readonly byte[] Artefact = "artefact\n"u8.ToArray();

    [Fact]
    public async Task Verify_GoodSignature_StatusGoodWithIssuerAndHash()
    {
        // Arrange
        var backend = await TestBackend.CreateAsync();
        await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release" });
        var signed = await backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });

        // Act
        var verified = await backend.WriteAsync("verify/release", new { input = Convert.ToBase64String(Artefact), signature = signed.Text("signature") });

        // Assert
        Assert.True(verified.Data["valid"]!.GetValue<bool>());
        Assert.Equal("good", verified.Text("status"));
        Assert.Equal(40, verified.Text("fingerprint").Length);
        Assert.Equal("sha2-256", verified.Text("hash"));
        Assert.False(string.IsNullOrEmpty(verified.Text("reason")));
    }

    [Fact]
    public async Task Verify_SignatureLifetimePassed_ExpiredSignatureWithExpiresAt()
    {
        // Arrange: a signature valid for 10 s, verified 11 s later on the same clock.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        var backend = await TestBackend.CreateAsync(timeProvider: clock);
        await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release" });
        var signed = await backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact), expires = 10 });
        clock.Advance(TimeSpan.FromSeconds(11));

        // Act
        var verified = await backend.WriteAsync("verify/release", new { input = Convert.ToBase64String(Artefact), signature = signed.Text("signature") });

        // Assert
        Assert.Equal(200, verified.Status(Operation.Update));
        Assert.False(verified.Data["valid"]!.GetValue<bool>());
        Assert.Equal("expired_signature", verified.Text("status"));
        Assert.Equal("2026-11-01T12:00:10Z", verified.Text("expires_at"));
    }

    [Fact]
    public async Task Verify_TamperedInput_StatusBad()
    {
        var backend = await TestBackend.CreateAsync();
        await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release" });
        var signed = await backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });

        var verified = await backend.WriteAsync("verify/release", new { input = Convert.ToBase64String("other"u8.ToArray()), signature = signed.Text("signature") });

        Assert.Equal("bad", verified.Text("status"));
    }

    [Theory]
    [InlineData(RevocationCode.KeySuperseded, "key_superseded")]
    [InlineData(RevocationCode.KeyCompromised, "key_compromised")]
    [InlineData(RevocationCode.KeyRetired, "key_retired")]
    [InlineData(RevocationCode.NoReason, "no_reason")]
    public void VerificationView_RevokedKey_NamesReasonCodeTextAndTime(RevocationCode code, string name)
    {
        var result = new VerificationResult
        {
            Status = VerificationStatus.RevokedKey,
            Reason = "revoked",
            KeyId = "0123456789ABCDEF",
            Revocation = new KeyRevocation(code, (int)code, "moved to a new key", new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), false),
        };

        var answer = VerificationView.Describe(result);

        Assert.Equal("revoked_key", answer["status"]!.GetValue<string>());
        Assert.Equal(name, answer["revocation_reason"]!.GetValue<string>());
        Assert.Equal("moved to a new key", answer["revocation_text"]!.GetValue<string>());
        Assert.Equal("2026-11-20T10:00:00Z", answer["revoked_at"]!.GetValue<string>());
    }

    [Fact]
    public void VerificationView_EveryStatus_HasItsOwnName()
    {
        var names = Enum.GetValues<VerificationStatus>().Select(VerificationView.StatusName).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }
}
