using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// What sign/ answers through the dev host is OpenPGP that the real tools accept: gpg and gpgv verify it, rpmkeys
/// imports the exported public keys.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class GpgInteropTests(EngineHostFixture fixture)
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("release artefact\r\nwith two lines\n");

    private readonly EngineApi _api = fixture.Api;

    [GpgTheory]
    [InlineData(EngineHostFixture.RsaKey, "base64", "sha2-256", 8)]
    [InlineData(EngineHostFixture.RsaKey, "ascii-armor", "sha2-224", 11)]
    [InlineData(EngineHostFixture.Ed25519Key, "base64", "sha2-512", 10)]
    [InlineData(EngineHostFixture.Ed25519Key, "ascii-armor", "sha2-384", 9)]
    public async Task SignDetached_AnyKeyFormatAndHash_GpgVerifiesIt(string key, string format, string algorithm, int gpgHashId)
    {
        await using var gpg = GpgOracle.Create();
        var fingerprint = await GpgChecks.ImportPublicKeyAsync(gpg, _api, key);

        var answer = await _api.PostAsync($"sign/{key}", new JsonObject { ["input"] = Convert.ToBase64String(Data), ["format"] = format, ["algorithm"] = algorithm });

        answer.AssertStatus(200);
        var signature = format == "base64" ? Convert.FromBase64String(answer.String("signature")) : Encoding.ASCII.GetBytes(answer.String("signature"));
        var (_, status) = await gpg.VerifyDetachedAsync(Data, signature);
        Assert.True(status.Good, status.ToString());
        Assert.Equal(fingerprint, status.PrimaryFingerprint);
        Assert.Equal(answer.String("fingerprint"), status.Fingerprint?.ToLowerInvariant());
        Assert.Equal(gpgHashId, status.HashAlgorithm);
        Assert.Equal(0x00, status.SignatureClass);
    }

    [GpgFact]
    public async Task SignDetached_TextMode_GpgVerifiesItAsTextSignature()
    {
        await using var gpg = GpgOracle.Create();
        await GpgChecks.ImportPublicKeyAsync(gpg, _api, EngineHostFixture.Ed25519Key);

        var answer = await _api.PostAsync($"sign/{EngineHostFixture.Ed25519Key}", new JsonObject { ["input"] = Convert.ToBase64String(Data), ["text"] = true });

        var (_, status) = await gpg.VerifyDetachedAsync(Data, Convert.FromBase64String(answer.String("signature")));
        Assert.True(status.Good, status.ToString());
        Assert.Equal(0x01, status.SignatureClass);
    }

    [GpgFact]
    public async Task SignDetached_OtherData_GpgReportsBadSignature()
    {
        await using var gpg = GpgOracle.Create();
        await GpgChecks.ImportPublicKeyAsync(gpg, _api, EngineHostFixture.RsaKey);

        var answer = await _api.PostAsync($"sign/{EngineHostFixture.RsaKey}", new JsonObject { ["input"] = Convert.ToBase64String(Data) });

        var (result, status) = await gpg.VerifyDetachedAsync([.. Data, 0x0a], Convert.FromBase64String(answer.String("signature")));
        Assert.False(status.Good);
        Assert.True(result.Has("BADSIG"), result.ToString());
    }

    [GpgTheory("gpgv")]
    [InlineData(EngineHostFixture.RsaKey)]
    [InlineData(EngineHostFixture.Ed25519Key)]
    public async Task Clearsign_AnyKey_GpgDecryptsAndGpgvVerifiesIt(string key)
    {
        await using var gpg = GpgOracle.Create();
        var fingerprint = await GpgChecks.ImportPublicKeyAsync(gpg, _api, key);
        var text = "Origin: Example\nLabel: Example\n-----dash line\nSuite: stable\n";

        var answer = await _api.PostAsync($"sign/{key}", new JsonObject { ["input"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), ["mode"] = "clearsign" });

        var signedMessage = Encoding.UTF8.GetBytes(answer.String("signed_message"));
        var (decrypted, status) = await gpg.VerifyInlineAsync(signedMessage);
        Assert.True(status.Good, status.ToString());
        Assert.Equal(fingerprint, status.PrimaryFingerprint);
        Assert.Equal(text, decrypted.StdoutText);
        var keyring = await gpg.WriteTempFileAsync("keyring", (await gpg.ExportPublicKeyAsync(fingerprint, armor: false)));
        var inRelease = await gpg.WriteTempFileAsync("InRelease", signedMessage);
        var gpgv = await ExternalProcess.RunAsync("gpgv", ["--keyring", keyring, inRelease]);
        Assert.True(gpgv.ExitCode == 0, gpgv.ToString());
    }

    [GpgFact]
    public async Task SignHashState_FileHashedByTheClient_GpgVerifiesItAgainstTheFile()
    {
        await using var gpg = GpgOracle.Create();
        await GpgChecks.ImportPublicKeyAsync(gpg, _api, EngineHostFixture.RsaKey);
        var file = new byte[24 << 20];
        new Random(42).NextBytes(file);
        var hash = ResumableHash.Create(HashAlgorithm.Sha512);
        hash.Append(file);

        var answer = await _api.PostAsync(
            $"sign/{EngineHostFixture.RsaKey}", new JsonObject { ["hash_state"] = Convert.ToBase64String(hash.ExportState()), ["format"] = "ascii-armor" });

        answer.AssertStatus(200);
        Assert.Equal("sha2-512", answer.String("hash"));
        var (_, status) = await gpg.VerifyDetachedAsync(file, Encoding.ASCII.GetBytes(answer.String("signature")));
        Assert.True(status.Good, status.ToString());
        Assert.Equal(10, status.HashAlgorithm);
    }

    [GpgTheory("rpmkeys")]
    [InlineData(EngineHostFixture.RsaKey)]
    [InlineData(EngineHostFixture.Ed25519Key)]
    public async Task ExportPublic_RsaAndEd25519_RpmkeysImportsIt(string key)
    {
        await using var rpm = RpmKeyring.Create();
        var exported = await _api.GetAsync($"export-public/{key}");

        var imported = await rpm.ImportAsync(Encoding.ASCII.GetBytes(exported.String("public_key")));

        Assert.True(imported.ExitCode == 0, imported.ToString());
        var keyId = exported.String("fingerprint")[^8..].ToLowerInvariant();
        Assert.Contains(await rpm.ListKeysAsync(), k => k.StartsWith($"gpg-pubkey-{keyId}-", StringComparison.Ordinal));
    }
}
