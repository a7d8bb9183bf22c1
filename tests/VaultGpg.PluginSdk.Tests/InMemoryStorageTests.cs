using System.Text;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Tests;

/// <summary>The in-memory storage has to behave like Vault's storage view, since every unit test stands on it.</summary>
public sealed class InMemoryStorageTests
{
    private readonly InMemoryStorage _storage = new();

    [Fact]
    public async Task List_Prefix_ReturnsImmediateChildrenWithFoldersEndingInSlash()
    {
        // Arrange
        foreach (var key in new[] { "key/b", "key/a", "key/dir/x", "key/dir/y", "other/c", "keyring" })
        {
            await PutAsync(key, "v");
        }

        // Act
        var children = await _storage.ListAsync("key/", CancellationToken.None);

        // Assert
        Assert.Equal(["a", "b", "dir/"], children);
    }

    [Fact]
    public async Task List_EmptyPrefix_ReturnsTopLevel()
    {
        await PutAsync("key/a", "v");
        await PutAsync("config", "v");

        Assert.Equal(["config", "key/"], await _storage.ListAsync("", CancellationToken.None));
    }

    [Fact]
    public async Task List_NoMatch_ReturnsEmpty()
    {
        Assert.Empty(await _storage.ListAsync("nothing/", CancellationToken.None));
    }

    [Fact]
    public async Task Get_MissingKey_ReturnsNull()
    {
        Assert.Null(await _storage.GetAsync("missing", CancellationToken.None));
    }

    [Fact]
    public async Task Put_CallerReusesBuffer_StoredValueUnchanged()
    {
        // Arrange
        var buffer = Encoding.UTF8.GetBytes("first");
        await _storage.PutAsync(new StorageEntry("k", buffer, SealWrap: true), CancellationToken.None);

        // Act
        buffer[0] = (byte)'X';
        var entry = await _storage.GetAsync("k", CancellationToken.None);

        // Assert
        Assert.Equal("first", Encoding.UTF8.GetString(entry!.Value.Span));
        Assert.True(entry.SealWrap);
    }

    [Fact]
    public async Task Delete_ExistingAndMissingKeys_RemovesWithoutError()
    {
        await PutAsync("k", "v");

        await _storage.DeleteAsync("k", CancellationToken.None);
        await _storage.DeleteAsync("never", CancellationToken.None);

        Assert.Empty(_storage.Keys);
    }

    private Task PutAsync(string key, string value) =>
        _storage.PutAsync(new StorageEntry(key, Encoding.UTF8.GetBytes(value)), CancellationToken.None);
}
