using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

/// <summary>A hash state is signed as a binary signature only: with text=true it is refused, not signed as binary.</summary>
public sealed class SignHashStateTextTests : IAsyncLifetime
{
    private TestBackend _backend = null!;
    private string _state = "";

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.CreateAsync();
        await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release" });
        var hash = ResumableHash.Create(HashAlgorithm.Sha256);
        hash.Append("line one\nline two\n"u8.ToArray());
        _state = Convert.ToBase64String(hash.ExportState());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sign_HashStateWithText_Returns400NamingHashStateAndText()
    {
        var signed = await _backend.WriteAsync("sign/release", new { hash_state = _state, text = true });

        Assert.Equal(400, signed.Status(Operation.Update));
        Assert.Equal("hash_state: hash_state cannot be used with text=true; a text signature needs the input", signed.ErrorMessage);
    }

    [Fact]
    public async Task Sign_BatchHashStateWithText_ItemErrorNamesItsField()
    {
        var signed = await _backend.WriteAsync("sign/release", new { text = true, batch_input = new[] { new { hash_state = _state } } });

        Assert.Equal(200, signed.Status(Operation.Update));
        var result = Assert.Single(signed.Data["batch_results"]!.AsArray())!;
        Assert.Null(result["signature"]);
        Assert.StartsWith("batch_input[0].hash_state: hash_state cannot be used with text=true", result["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_HashStateWithoutText_Signs()
    {
        var signed = await _backend.WriteAsync("sign/release", new { hash_state = _state });

        Assert.Equal(200, signed.Status(Operation.Update));
    }
}
