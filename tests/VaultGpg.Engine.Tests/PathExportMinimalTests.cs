using System.Text;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

/// <summary>export-public/:name with minimal=true and wkd_domain, judged by gpg and gpg-wks-client.</summary>
public sealed class PathExportMinimalTests : IAsyncLifetime
{
    private const string WksClient = "/usr/lib/gnupg/gpg-wks-client";
    private readonly GpgOracle _gpg = GpgOracle.Create();
    private TestBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.CreateAsync();
        await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release", email = "Release.Team@Example.org" });
    }

    public async Task DisposeAsync() => await _gpg.DisposeAsync();

    [GpgFact]
    public async Task Minimal_AfterARevokedSubkey_SamePacketsAsGpgExportMinimalOfTheImportedKey()
    {
        var added = await _backend.WriteAsync("keys/release/subkeys", new { key_type = "ed25519" });
        await _backend.WriteAsync("keys/release/revoke", new { subkey = added.Text("key_id"), reason = "retired" });
        var full = await _backend.ReadAsync("export-public/release");
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(full.Text("public_key")))).EnsureSuccess("import");
        var gpgMinimal = (await _gpg.RunAsync(["--export-options", "export-minimal", "--export", full.Text("fingerprint")])).EnsureSuccess("export").Stdout;

        var minimal = await _backend.ReadAsync("export-public/release", new { minimal = true });

        Assert.Equal(PacketSequence.Of(gpgMinimal), PacketSequence.Of(VaultGpg.OpenPgp.Signing.Armor.Decode(minimal.Text("public_key"))));
    }

    [GpgFact(WksClient)]
    public async Task WkdDomain_HashAndPathsAsGpgWksClientAndTheKeyImports()
    {
        var answer = await _backend.ReadAsync("export-public/release", new { wkd_domain = "EXAMPLE.org" });

        Assert.Equal(200, answer.Status(Operation.Read));
        var file = Assert.Single(answer.Data["wkd"]!.AsArray())!;
        var wks = await ExternalProcess.RunAsync(WksClient, ["--print-wkd-hash", "Release <Release.Team@Example.org>"]);
        var hash = wks.StdoutText.Split(' ')[0];
        Assert.Equal(hash, file["hash"]!.GetValue<string>());
        Assert.Equal($".well-known/openpgpkey/hu/{hash}", file["direct_path"]!.GetValue<string>());
        Assert.Equal($"openpgpkey.example.org/.well-known/openpgpkey/example.org/hu/{hash}", file["advanced_path"]!.GetValue<string>());
        var url = await ExternalProcess.RunAsync(WksClient, ["--print-wkd-url", "Release.Team@Example.org"]);
        Assert.StartsWith($"https://openpgpkey.example.org/.well-known/openpgpkey/example.org/hu/{hash}?l=", url.StdoutText, StringComparison.Ordinal);
        (await _gpg.ImportAsync(Convert.FromBase64String(answer.Text("wkd_key")))).EnsureSuccess("import");
        Assert.Equal("Release <Release.Team@Example.org>", Assert.Single(await _gpg.ListKeysAsync(), r => r.Type == "uid").UserIdOrFingerprint);
    }

    [Theory]
    [InlineData("example.com", "wkd_domain: the key has no valid user ID with an address at example.com")]
    [InlineData("not a domain", "wkd_domain: \"not a domain\" is not a domain name")]
    public async Task WkdDomain_NoAddressThereOrNotADomain_400(string domain, string message)
    {
        var answer = await _backend.ReadAsync("export-public/release", new { wkd_domain = domain });

        Assert.Equal(400, answer.Status(Operation.Read));
        Assert.Equal(message, answer.ErrorMessage);
    }
}
