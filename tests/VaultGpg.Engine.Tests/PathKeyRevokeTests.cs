using System.Text;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

/// <summary>The revocation certificate made at birth, keys/:name/revocation-certificate and keys/:name/revoke, judged by gpg and sq.</summary>
public sealed class PathKeyRevokeTests : IAsyncLifetime
{
    private static readonly byte[] Artefact = Encoding.UTF8.GetBytes("vaultgpg-1.0.0.tar.gz contents\n");
    private readonly GpgOracle _gpg = GpgOracle.Create();
    private readonly InMemoryStorage _storage = new();
    private TestBackend _backend = null!;
    private TestBackend.Result _created = null!;

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.CreateAsync(_storage);
        _created = await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release", email = "release@example.org" });
    }

    public async Task DisposeAsync() => await _gpg.DisposeAsync();

    [GpgFact]
    public async Task Create_ReturnsRevocationCertificateOnceAndItsPathAgain_GpgImportOfItRevokesTheKey()
    {
        var certificate = _created.Text("revocation_certificate");

        var read = await _backend.ReadAsync("keys/release");
        var again = await _backend.ReadAsync("keys/release/revocation-certificate");

        Assert.Null(read.Data["revocation_certificate"]);
        Assert.Equal(certificate, again.Text("revocation_certificate"));
        Assert.Equal(_created.Text("fingerprint"), again.Text("fingerprint"));
        Assert.True((await _storage.GetAsync("revocation/release", CancellationToken.None))!.SealWrap);
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(read.Text("public_key")))).EnsureSuccess("import key");
        Assert.NotEqual("r", Assert.Single(await _gpg.ListKeysAsync(), r => r.Type == "pub").Validity);
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(certificate))).EnsureSuccess("import certificate");
        Assert.Equal("r", Assert.Single(await _gpg.ListKeysAsync(), r => r.Type == "pub").Validity);
    }

    [GpgFact]
    public async Task Import_SecretKeyFromGpg_GetsARevocationCertificateThatGpgAccepts()
    {
        var fingerprint = await _gpg.GenerateKeyAsync("Imported <imported@example.org>", "ed25519", "sign", "never", passphrase: "");
        var secret = Encoding.ASCII.GetString(await _gpg.ExportSecretKeyAsync(fingerprint, passphrase: ""));

        var imported = await _backend.WriteAsync("keys/imported", new { key = secret });

        Assert.Equal(200, imported.Status(Operation.Update));
        Assert.Equal(imported.Text("revocation_certificate"), (await _backend.ReadAsync("keys/imported/revocation-certificate")).Text("revocation_certificate"));
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(imported.Text("revocation_certificate")))).EnsureSuccess("import certificate");
        Assert.Equal("r", Assert.Single(await _gpg.ListKeysAsync(), r => r.Type == "pub").Validity);
    }

    [Fact]
    public async Task Delete_Key_DeletesItsRevocationCertificate()
    {
        await _backend.WriteAsync("keys/release/config", new { deletion_allowed = true });

        await _backend.DeleteAsync("keys/release");

        Assert.Null(await _storage.GetAsync("revocation/release", CancellationToken.None));
        Assert.Equal(404, (await _backend.ReadAsync("keys/release/revocation-certificate")).Status(Operation.Read));
    }

    [GpgFact("sq")]
    public async Task Revoke_Primary_SignRefusedVerifySaysRevokedKeyAndGpgAndSqShowTheExportRevoked()
    {
        var before = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });

        var revoked = await _backend.WriteAsync("keys/release/revoke", new { reason = "compromised", comment = "build host broken into" });

        Assert.Equal(200, revoked.Status(Operation.Update));
        Assert.True(revoked.Data["revoked"]!.GetValue<bool>());
        Assert.Equal("key has been compromised", revoked.Text("revocation_reason"));
        Assert.Equal("build host broken into", revoked.Text("revocation_text"));
        var refused = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });
        Assert.Equal(400, refused.Status(Operation.Update));
        Assert.Contains("key \"release\" cannot sign: the key was revoked", refused.ErrorMessage, StringComparison.Ordinal);
        var verified = await _backend.WriteAsync("verify/release", new { input = Convert.ToBase64String(Artefact), signature = before.Text("signature") });
        Assert.Equal("revoked_key", verified.Text("status"));
        var exported = await _backend.ReadAsync("export-public/release");
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(exported.Text("public_key")))).EnsureSuccess("import");
        Assert.Equal("r", Assert.Single(await _gpg.ListKeysAsync(), r => r.Type == "pub").Validity);
        var file = await _gpg.WriteTempFileAsync("key", Encoding.ASCII.GetBytes(exported.Text("public_key")));
        var sq = await ExternalProcess.RunAsync("sq", ["inspect", file]);
        Assert.Contains("build host broken into", sq.StdoutText, StringComparison.Ordinal);
        var twice = await _backend.WriteAsync("keys/release/revoke", new { reason = "compromised" });
        Assert.Equal(400, twice.Status(Operation.Update));
    }

    [GpgFact]
    public async Task Revoke_SigningSubkey_ThePrimarySignsAgainAndGpgListsTheSubkeyRevoked()
    {
        var added = await _backend.WriteAsync("keys/release/subkeys", new { key_type = "ed25519" });
        var subkeyId = added.Text("key_id");

        var revoked = await _backend.WriteAsync("keys/release/revoke", new { subkey = added.Text("fingerprint").ToUpperInvariant(), reason = "superseded" });
        var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });

        Assert.Equal(200, revoked.Status(Operation.Update));
        Assert.False(revoked.Data["revoked"]!.GetValue<bool>());
        Assert.Equal(_created.Text("key_id"), revoked.Text("signing_key_id"));
        Assert.Equal(_created.Text("key_id"), signed.Text("key_id"));
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(revoked.Text("public_key")))).EnsureSuccess("import");
        var listing = await _gpg.ListKeysAsync();
        Assert.Equal("r", Assert.Single(listing, r => r.Type == "sub" && string.Equals(r.KeyId, subkeyId, StringComparison.OrdinalIgnoreCase)).Validity);
        var (result, _) = await _gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(signed.Text("signature")));
        Assert.True(result.IsGood, result.ToString());
    }

    [Theory]
    [InlineData("lost", "reason: unsupported reason \"lost\"; must be one of none, superseded, compromised, retired")]
    public async Task Revoke_UnknownReason_400NamingTheField(string reason, string message)
    {
        var answer = await _backend.WriteAsync("keys/release/revoke", new { reason });

        Assert.Equal(400, answer.Status(Operation.Update));
        Assert.Equal(message, answer.ErrorMessage);
    }

    [Fact]
    public async Task Revoke_UnknownSubkey_400NamingTheSubkey()
    {
        var answer = await _backend.WriteAsync("keys/release/revoke", new { subkey = "0123456789abcdef" });

        Assert.Equal(400, answer.Status(Operation.Update));
        Assert.Equal("subkey: key \"release\" has no subkey 0123456789abcdef", answer.ErrorMessage);
        Assert.False((await _backend.ReadAsync("keys/release")).Data["revoked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Revoke_MissingKey_400KeyNotFound()
    {
        var answer = await _backend.WriteAsync("keys/none/revoke", new { reason = "retired" });

        Assert.Equal(400, answer.Status(Operation.Update));
        Assert.Equal("key not found: \"none\"", answer.ErrorMessage);
    }
}
