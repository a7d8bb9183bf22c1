using System.Text;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Tests;

/// <summary>verify/ with signed_message answers the text the signature covers and flags text outside the signed block.</summary>
public sealed class VerifySignedTextTests : IAsyncLifetime
{
    private const string Text = "Origin: test\nSuite: stable\n";
    private TestBackend _backend = null!;
    private string _message = "";

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.CreateAsync();
        await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release" });
        _message = (await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Encoding.UTF8.GetBytes(Text)), mode = "clearsign" }))
            .Text("signed_message");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Verify_SignedMessage_ReturnsSignedTextNotFlagged()
    {
        var verified = await _backend.WriteAsync("verify/release", new { signed_message = _message });

        Assert.True(verified.Data["valid"]!.GetValue<bool>());
        Assert.Equal(Text, verified.Text("signed_text"));
        Assert.False(verified.Data["unsigned_text"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Verify_SignedMessageWithTextAfterTheBlock_FlaggedAndSignedTextWithoutIt()
    {
        var verified = await _backend.WriteAsync("verify/release", new { signed_message = _message + "Suite: evil\n" });

        Assert.Equal(200, verified.Status(Operation.Update));
        Assert.True(verified.Data["unsigned_text"]!.GetValue<bool>());
        Assert.Equal(Text, verified.Text("signed_text"));
    }

    [Fact]
    public async Task Verify_DetachedSignature_HasNoSignedTextFields()
    {
        var input = Convert.ToBase64String("x"u8.ToArray());
        var signature = (await _backend.WriteAsync("sign/release", new { input })).Text("signature");

        var verified = await _backend.WriteAsync("verify/release", new { input, signature });

        Assert.Null(verified.Data["signed_text"]);
        Assert.Null(verified.Data["unsigned_text"]);
    }
}
