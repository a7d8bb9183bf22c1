using System.Text;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

/// <summary>With no algorithm sent, an ECDSA key signs with the hash gpg picks for its curve; gpg verifies it.</summary>
public sealed class SignDefaultHashTests : IAsyncLifetime
{
    private static readonly byte[] Artefact = Encoding.UTF8.GetBytes("vaultgpg-1.0.0.tar.gz contents\n");
    private readonly GpgOracle _gpg = GpgOracle.Create();
    private TestBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await TestBackend.CreateAsync();

    public async Task DisposeAsync() => await _gpg.DisposeAsync();

    [GpgFact]
    public async Task Sign_P384KeyWithoutAlgorithm_Sha384ThatGpgVerifies()
    {
        // Arrange
        var created = await _backend.WriteAsync("keys/p384", new { key_type = "ecdsa-p384", real_name = "P384" });

        // Act
        var signed = await _backend.WriteAsync("sign/p384", new { input = Convert.ToBase64String(Artefact) });

        // Assert: 9 is SHA-384 in gpg's VALIDSIG.
        Assert.Equal("sha2-384", signed.Text("hash"));
        var status = await GpgVerifyAsync(created.Text("public_key"), signed.Text("signature"));
        Assert.True(status.Good, status.ToString());
        Assert.Equal(9, status.HashAlgorithm);
    }

    [GpgFact]
    public async Task Sign_P521KeyFromGpgWithoutAlgorithm_Sha512ThatGpgVerifies()
    {
        // Arrange
        var fingerprint = await _gpg.GenerateKeyAsync("P521 <p521@example.org>", "nistp521", "sign");
        var secret = await _gpg.ExportSecretKeyAsync(fingerprint);
        await _backend.WriteAsync("keys/p521", new { generate = false, key = Encoding.ASCII.GetString(secret) });

        // Act
        var signed = await _backend.WriteAsync("sign/p521", new { input = Convert.ToBase64String(Artefact) });

        // Assert: 10 is SHA-512.
        Assert.Equal("sha2-512", signed.Text("hash"));
        var (result, status) = await _gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(signed.Text("signature")));
        Assert.True(status.Good, result.ToString());
        Assert.Equal(10, status.HashAlgorithm);
    }

    [Fact]
    public async Task Sign_P384KeyWithExplicitSha256_StillRefusedAsTooShort()
    {
        // Arrange
        await _backend.WriteAsync("keys/p384", new { key_type = "ecdsa-p384", real_name = "P384" });

        // Act
        var signed = await _backend.WriteAsync("sign/p384", new { input = Convert.ToBase64String(Artefact), algorithm = "sha2-256" });

        // Assert
        Assert.Equal(400, signed.Status(Operation.Update));
        Assert.Contains("too short", signed.ErrorMessage, StringComparison.Ordinal);
    }

    private async Task<GpgSignatureStatus> GpgVerifyAsync(string publicKey, string signature)
    {
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(publicKey))).EnsureSuccess("import");
        var (_, status) = await _gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(signature));
        return status;
    }
}
