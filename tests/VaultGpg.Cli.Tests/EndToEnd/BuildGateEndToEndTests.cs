using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// The README's build gate walk-through against the dev host with the published plugin and vaultgpg: two rebuilders
/// (an in-toto-keygen ed25519 key and an OpenPGP key with in-toto-run --gpg), a key that needs both; gpg judges.
/// </summary>
[Collection(SigningHostCollection.Name)]
public sealed class BuildGateEndToEndTests(SigningHostFixture host) : IDisposable
{
    private const string Key = "gated";
    private readonly string _directory = TemporaryDirectory.CreateShort("vgg-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [InTotoFact]
    public async Task Gate_TwoRebuilders_SignRefusedUntilBothAttested_ThenGpgVerifies()
    {
        // Arrange: the rebuilders' keys, the key and its policy (both builders, threshold 2), the release file.
        await using var rebuilders = new InTotoBuilders();
        var publicA = await rebuilders.KeygenAsync("rebuilder-a", "ed25519");
        var (fingerprintB, publicB) = await rebuilders.GpgKeygenAsync("Rebuilder B <b@example.org>");
        using var vault = new HttpClient { BaseAddress = new Uri(host.Environment["VAULT_ADDR"] + "/v1/gpg/") };
        vault.DefaultRequestHeaders.Add("X-Vault-Token", host.Environment["VAULT_TOKEN"]);
        await PostAsync(vault, "keys/" + Key, new JsonObject { ["key_type"] = "ed25519", ["real_name"] = "Gate Test" });
        await PostAsync(vault, $"keys/{Key}/policy", new JsonObject
        {
            ["threshold"] = 2,
            ["builders"] = new JsonArray(
                new JsonObject { ["id"] = "rebuilder-a", ["type"] = "ed25519", ["public_key"] = publicA },
                new JsonObject { ["id"] = "rebuilder-b", ["type"] = "openpgp", ["public_key"] = publicB }),
        });
        var release = Encoding.ASCII.GetBytes("hello-1.0.tar.gz, reproducible\n");
        var file = Path.Combine(_directory, "hello-1.0.tar.gz");
        await File.WriteAllBytesAsync(file, release);
        var linkA = Path.Combine(_directory, "rebuild.a.link");
        var linkB = Path.Combine(_directory, "rebuild.b.link");
        await File.WriteAllBytesAsync(linkA, await rebuilders.LinkAsync("rebuilder-a", "ed25519", "hello-1.0.tar.gz", release));
        await File.WriteAllBytesAsync(linkB, await rebuilders.GpgLinkAsync(fingerprintB, "hello-1.0.tar.gz", release));

        // Act
        var refused = await host.RunVaultgpgAsync(["sign", "--key", Key, file]);
        var attestA = await host.RunVaultgpgAsync(["attest", "--key", Key, linkA]);
        var refusedAgain = await host.RunVaultgpgAsync(["sign", "--key", Key, file]);
        var attestB = await host.RunVaultgpgAsync(["attest", "--key", Key, linkB]);
        var signed = await host.RunVaultgpgAsync(["sign", "--key", Key, file]);
        var publicKey = await host.RunVaultgpgAsync(["export-public", "--key", Key]);

        // Assert
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("not signed, the key's build policy is not met: 0 of the 2 required builders attested sha256:", refused.Stderr, StringComparison.Ordinal);
        Assert.True(attestA.ExitCode == 0, $"{attestA}\n{host.HostLog}");
        Assert.Contains("by rebuilder-a: hello-1.0.tar.gz sha256:", attestA.StdoutText, StringComparison.Ordinal);
        Assert.Contains("1 of the 2 required builders attested", refusedAgain.Stderr, StringComparison.Ordinal);
        Assert.Contains("missing: rebuilder-b", refusedAgain.Stderr, StringComparison.Ordinal);
        Assert.True(attestB.ExitCode == 0, attestB.ToString());
        Assert.True(signed.ExitCode == 0, signed.ToString());
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(publicKey.Stdout)).EnsureSuccess("import");
        var (_, status) = await gpg.VerifyDetachedAsync(release, await File.ReadAllBytesAsync(file + ".sig"));
        Assert.True(status.Good, status.ToString());
    }

    private async Task PostAsync(HttpClient vault, string path, JsonObject body)
    {
        using var response = await vault.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{host.HostLog}");
    }
}
