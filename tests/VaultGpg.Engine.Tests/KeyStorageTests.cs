using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Tests;

/// <summary>How keys live in storage: one entry, never half-written, cached, invalidated by other nodes.</summary>
public sealed class KeyStorageTests
{
    [Fact]
    public async Task CreateKey_StorageFailsOnPut_ErrorSurfacesAndNoKeyIsLeft()
    {
        var storage = new FaultyStorage(new InMemoryStorage()) { FailPutsWith = "storage backend unavailable" };
        var backend = await TestBackend.CreateAsync(storage);

        var failure = await Assert.ThrowsAsync<StorageException>(() => backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test" }));
        storage.FailPutsWith = null;
        var read = await backend.ReadAsync("keys/release");
        var list = await storage.ListAsync("key/", CancellationToken.None);

        Assert.Contains("unavailable", failure.Message, StringComparison.Ordinal);
        Assert.Equal(404, read.Status(Operation.Read));
        Assert.Empty(list);
    }

    [Fact]
    public async Task CreateKey_ReadOnlyStorage_ErrorKeepsVaultsReadOnlyText()
    {
        var storage = new FaultyStorage(new InMemoryStorage()) { FailPutsWith = LogicalError.ReadOnlyStorageMessage };
        var backend = await TestBackend.CreateAsync(storage);

        var failure = await Assert.ThrowsAsync<StorageException>(() => backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test" }));

        Assert.True(failure.IsReadOnly);
    }

    [Fact]
    public async Task Config_StorageFailsOnPut_KeepsPreviousSettings()
    {
        var storage = new FaultyStorage(new InMemoryStorage());
        var backend = await TestBackend.CreateAsync(storage);
        await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test" });
        storage.FailPutsWith = "storage backend unavailable";

        await Assert.ThrowsAsync<StorageException>(() => backend.WriteAsync("keys/release/config", new { exportable = true }));
        storage.FailPutsWith = null;

        Assert.False((await backend.ReadAsync("keys/release")).Data["exportable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task StoredEntry_IsOneSealWrappedJsonDocument()
    {
        var storage = new InMemoryStorage();
        var backend = await TestBackend.CreateAsync(storage);
        await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test" });

        var entry = await storage.GetAsync("key/release", CancellationToken.None);

        Assert.NotNull(entry);
        using var json = System.Text.Json.JsonDocument.Parse(entry.Value);
        Assert.Equal("release", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(["key/", "revocation/", "log/key"], backend.Backend.SpecialPaths.SealWrapStorage);
    }

    [Fact]
    public async Task InvalidateKey_AfterAnotherNodeReplacedTheKey_ServesTheNewKey()
    {
        // Arrange: two "nodes" sharing one storage; node B replaces the key behind node A's cache.
        var storage = new InMemoryStorage();
        var nodeA = await TestBackend.CreateAsync(storage);
        var nodeB = await TestBackend.CreateAsync(storage);
        var original = await nodeA.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test", deletion_allowed = true });
        await nodeA.ReadAsync("keys/release");
        await nodeB.DeleteAsync("keys/release");
        var replacement = await nodeB.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test" });

        // Act
        var beforeInvalidate = await nodeA.ReadAsync("keys/release");
        await nodeA.Backend.InvalidateKeyAsync("key/release", CancellationToken.None);
        var afterInvalidate = await nodeA.ReadAsync("keys/release");

        // Assert: the cache really served node A until Vault said the key changed.
        Assert.Equal(original.Text("fingerprint"), beforeInvalidate.Text("fingerprint"));
        Assert.Equal(replacement.Text("fingerprint"), afterInvalidate.Text("fingerprint"));
    }
}
