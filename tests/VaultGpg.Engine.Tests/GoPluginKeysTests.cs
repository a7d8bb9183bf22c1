using System.Text;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

/// <summary>
/// Keys the Go plugin's users imported (its own test keys, read from the peer fixtures): one whose only secret part is
/// an encryption subkey, and an expired one. They import, decrypt as gpg does, say what they can do, and sign refuses
/// them with the reason.
/// </summary>
public sealed class GoPluginKeysTests : IAsyncLifetime
{
    private readonly GpgOracle _gpg = GpgOracle.Create();
    private TestBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await TestBackend.CreateAsync();

    public async Task DisposeAsync() => await _gpg.DisposeAsync();

    [PeerFixtureFact]
    public async Task Import_OnlyEncryptionSecret_DecryptsAsGpgAndSignRefusedWithReason()
    {
        // Act
        var imported = await _backend.WriteAsync("keys/decrypt-only", new { generate = false, key = PeerFixtures.GoPlugin("privateDecryptKey") });
        var read = await _backend.ReadAsync("keys/decrypt-only");
        var signed = await _backend.WriteAsync("sign/decrypt-only", new { input = "aGVsbG8=" });
        var decrypted = await _backend.WriteAsync(
            "decrypt/decrypt-only", new { ciphertext = PeerFixtures.GoPlugin("encryptedMessageASCIIArmored"), format = "ascii-armor" });

        // Assert
        Assert.Equal(200, imported.Status(Operation.Update));
        Assert.False(read.Data["can_sign"]!.GetValue<bool>());
        Assert.True(read.Data["can_decrypt"]!.GetValue<bool>());
        Assert.Null(read.Data["signing_key_id"]);
        Assert.Equal(400, signed.Status(Operation.Update));
        Assert.StartsWith("key \"decrypt-only\" cannot sign: the key has no valid signing key with its secret part: primary key ", signed.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("has no secret part here", signed.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(read.Text("cannot_sign_reason"), signed.ErrorMessage!["key \"decrypt-only\" cannot sign: ".Length..]);
        Assert.Equal(await GpgPlaintextAsync("privateDecryptKey", "encryptedMessageASCIIArmored"), Convert.FromBase64String(decrypted.Text("plaintext")));
    }

    [PeerFixtureFact]
    public async Task Import_ExpiredKey_ShowsSessionKeyAndSignRefusedWithExpiryTime()
    {
        // Act
        var imported = await _backend.WriteAsync("keys/expired", new { generate = false, key = PeerFixtures.GoPlugin("privateSessionDecryptKey") });
        var read = await _backend.ReadAsync("keys/expired");
        var signed = await _backend.WriteAsync("sign/expired", new { input = "aGVsbG8=" });
        var session = await _backend.WriteAsync(
            "show-session-key/expired", new { ciphertext = PeerFixtures.GoPlugin("encryptedSessionMessageASCIIArmored"), format = "ascii-armor" });

        // Assert: gpg lists the key as expired at 2019-08-21T20:33:51Z (1566419631).
        Assert.Equal(200, imported.Status(Operation.Update));
        Assert.True(read.Data["expired"]!.GetValue<bool>());
        Assert.False(read.Data["can_sign"]!.GetValue<bool>());
        Assert.True(read.Data["can_decrypt"]!.GetValue<bool>());
        Assert.Equal("key \"expired\" cannot sign: the key expired at 2019-08-21T20:33:51Z and cannot sign", signed.ErrorMessage);
        await _gpg.ImportAsync(Encoding.UTF8.GetBytes(PeerFixtures.GoPlugin("privateSessionDecryptKey")));
        var gpgSession = await _gpg.DecryptAsync(Encoding.UTF8.GetBytes(PeerFixtures.GoPlugin("encryptedSessionMessageASCIIArmored")), showSessionKey: true);
        var expected = gpgSession.StatusOf("SESSION_KEY").Single().Arguments[0];
        Assert.Equal(expected, session.Text("session_key"), ignoreCase: true);
    }

    [PeerFixtureFact]
    public async Task ShowSessionKey_MessageCutAfterSessionKeyPacket_SameKeyAsGpgGivesForTheWholeMessage()
    {
        // Arrange: only the public-key-encrypted session key packets of the Go plugin's message are sent.
        await _backend.WriteAsync("keys/session", new { generate = false, key = PeerFixtures.GoPlugin("privateSessionDecryptKey") });
        var message = Convert.FromBase64String(PeerFixtures.GoPlugin("encryptedSessionMessageBase64Encoded"));
        var cut = message[..SessionKeyPacketsLength(message)];

        // Act
        var session = await _backend.WriteAsync("show-session-key/session", new { ciphertext = Convert.ToBase64String(cut) });

        // Assert
        Assert.True(cut.Length < message.Length);
        await _gpg.ImportAsync(Encoding.UTF8.GetBytes(PeerFixtures.GoPlugin("privateSessionDecryptKey")));
        var gpgSession = await _gpg.DecryptAsync(message, showSessionKey: true);
        Assert.Equal(gpgSession.StatusOf("SESSION_KEY").Single().Arguments[0], session.Text("session_key"), ignoreCase: true);
    }

    /// <summary>Bytes taken by the leading tag-1 packets (old-format headers, as gpg writes them).</summary>
    private static int SessionKeyPacketsLength(byte[] message)
    {
        var offset = 0;
        while (offset < message.Length && (message[offset] & 0xC0) == 0x80 && ((message[offset] >> 2) & 0x0F) == 1)
        {
            var lengthType = message[offset] & 0x03;
            var (headerLength, bodyLength) = lengthType switch
            {
                0 => (2, message[offset + 1]),
                1 => (3, (message[offset + 1] << 8) | message[offset + 2]),
                _ => (5, (message[offset + 1] << 24) | (message[offset + 2] << 16) | (message[offset + 3] << 8) | message[offset + 4]),
            };
            offset += headerLength + bodyLength;
        }

        return offset;
    }

    private async Task<byte[]> GpgPlaintextAsync(string keyFixture, string messageFixture)
    {
        await _gpg.ImportAsync(Encoding.UTF8.GetBytes(PeerFixtures.GoPlugin(keyFixture)));
        var result = await _gpg.DecryptAsync(Encoding.UTF8.GetBytes(PeerFixtures.GoPlugin(messageFixture)));
        return result.EnsureSuccess("decrypt").Stdout;
    }
}
