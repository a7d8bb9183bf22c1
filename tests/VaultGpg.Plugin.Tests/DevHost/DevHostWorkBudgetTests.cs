using System.Diagnostics;
using System.Globalization;
using System.Text;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.DevHost;

/// <summary>
/// Requests that cost work out of proportion to their size, against the published plugin behind Vault's HTTP API:
/// answered 400 quickly, with the plugin's memory bounded (issue 14, items 1 and 2). The published plugin before
/// the budgets took seconds and GiBs for the same requests.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class DevHostWorkBudgetTests(DevHostFixture fixture)
{
    private readonly DevHostProcess _host = fixture.Host;

    [Fact]
    public async Task Decrypt_OneGibibyteCompressionBomb_400QuicklyWithPluginMemoryBounded()
    {
        // Arrange: a 1 MiB message that inflates to 1 GiB, encrypted to a key made by the plugin.
        using var client = _host.CreateClient();
        var (created, key) = await DevHostHttp.SendAsync(client, HttpMethod.Post, "v1/gpg/keys/budget-bomb", new { key_type = "ed25519", real_name = "Bomb" }, CancellationToken.None);
        Assert.Equal(200, created);
        var publicKey = Encoding.ASCII.GetBytes(key!["data"]!["public_key"]!.GetValue<string>());
        var message = Convert.ToBase64String(HostileMessages.EncryptTo(publicKey, HostileMessages.Bomb(1024)));
        var pid = await _host.PluginPidAsync("gpg", CancellationToken.None);
        var watch = Stopwatch.StartNew();

        // Act
        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Post, "v1/gpg/decrypt/budget-bomb", new { ciphertext = message }, CancellationToken.None);

        // Assert
        Assert.Equal(400, status);
        Assert.Equal("ciphertext: the message decompresses to more than its limit of 67108864 bytes", DevHostHttp.SingleError(body));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        var peak = PeakResidentMebibytes(pid);
        Assert.True(peak < 600, $"the plugin's peak resident memory is {peak} MiB");
    }

    [Fact]
    public async Task Decrypt_NoSuchKeyWithFourRsa16384SignerKeys_400WithinASecond()
    {
        // Arrange: one cheap request first, so the clock measures the request and not the plugin's warm-up.
        using var client = _host.CreateClient();
        await DevHostHttp.SendAsync(client, HttpMethod.Post, "v1/gpg/decrypt/no-such-key", new { ciphertext = "aGVsbG8=" }, CancellationToken.None);
        var signerKey = HostileKeys.Armored(HostileKeys.RsaPublicKeyBlock(16384, 4));
        var watch = Stopwatch.StartNew();

        var (status, body) = await DevHostHttp.SendAsync(
            client, HttpMethod.Post, "v1/gpg/decrypt/no-such-key", new { ciphertext = "aGVsbG8=", signer_key = signerKey }, CancellationToken.None);

        Assert.Equal(400, status);
        Assert.Equal("key not found: \"no-such-key\"", DevHostHttp.SingleError(body));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    /// <summary>VmHWM of <c>/proc/&lt;pid&gt;/status</c>: the most memory the process has held resident.</summary>
    private static long PeakResidentMebibytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kibibytes = long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        return kibibytes >> 10;
    }
}
