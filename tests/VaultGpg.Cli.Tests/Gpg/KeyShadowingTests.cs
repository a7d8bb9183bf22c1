using System.Net;
using System.Text.Json.Nodes;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.Gpg;

/// <summary>
/// <c>-u HEX</c> means a fingerprint or key ID, as in gpg: a key whose name in the mount equals another key's
/// fingerprint or key ID must not take that key's place.
/// </summary>
public sealed class KeyShadowingTests : IDisposable
{
    private const string ReleaseFingerprint = FakeKeys.Fingerprint;
    private const string ImpostorFingerprint = "ffffeeeeddddccccbbbbaaaa9999888877776666";

    private readonly string _directory = TemporaryDirectory.CreateShort("vgs-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [Theory]
    [InlineData(ReleaseFingerprint)]
    [InlineData("89abcdef01234567")]
    public async Task Gpg_KeyNamedLikeAnotherKeysId_TheKeyWithThatIdSigns(string id)
    {
        var cli = MountWith(impostorName: id, listAllowed: true);

        var exit = await cli.RunAsync("gpg", "-u", id, "-bsao", Path.Combine(_directory, "out.asc"));

        Assert.Equal(0, exit);
        Assert.Equal("/v1/gpg/sign/release", Assert.Single(cli.Vault.Requests, r => r.Method == "POST").Path);
    }

    [Fact]
    public async Task Gpg_HexNameAndTokenMayNotList_TheNameIsUsedAsGiven()
    {
        var cli = MountWith(impostorName: ReleaseFingerprint, listAllowed: false);

        var exit = await cli.RunAsync("gpg", "-u", ReleaseFingerprint, "-bsao", Path.Combine(_directory, "out.asc"));

        Assert.Equal(0, exit);
        Assert.Equal("/v1/gpg/sign/" + ReleaseFingerprint, Assert.Single(cli.Vault.Requests, r => r.Method == "POST").Path);
    }

    /// <summary>The mount holds "release" and a second key named <paramref name="impostorName"/>; both sign.</summary>
    private static TestCli MountWith(string impostorName, bool listAllowed)
    {
        var cli = new TestCli();
        var impostorPath = "/v1/gpg/keys/" + impostorName;
        cli.Vault.Respond = request => request switch
        {
            { Method: "GET", Query: "?list=true" } => listAllowed
                ? FakeVault.Data(new JsonObject { ["keys"] = new JsonArray(impostorName, "release") })
                : FakeVault.Error(HttpStatusCode.Forbidden, "permission denied"),
            { Method: "GET", Path: "/v1/gpg/keys/release" } => FakeVault.Data(FakeKeys.Facts("release", ReleaseFingerprint)),
            { Method: "GET" } when request.Path == impostorPath => FakeVault.Data(FakeKeys.Facts(impostorName, ImpostorFingerprint)),
            { Method: "POST", Path: "/v1/gpg/sign/release" } => FakeVault.Data(Signed(ReleaseFingerprint)),
            { Method: "POST" } when request.Path == "/v1/gpg/sign/" + impostorName => FakeVault.Data(Signed(ImpostorFingerprint)),
            _ => (HttpStatusCode.NotFound, null),
        };
        return cli;
    }

    private static JsonObject Signed(string fingerprint) => new()
    {
        ["signature"] = FakeSignature.Base64(),
        ["key_id"] = fingerprint[^16..],
        ["fingerprint"] = fingerprint,
        ["hash"] = "sha2-256",
    };
}
