using System.Text;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.PluginSdk.Tests.Support;

namespace VaultGpg.PluginSdk.Tests;

/// <summary>LIST requests: Vault appends '/' to the path and expects <c>{"keys": [...]}</c>.</summary>
public sealed class ListTests
{
    private readonly TestBackend _backend = TestBackend.Create(
        new PathDefinition("keys/?")
        {
            Operations =
            {
                [Operation.List] = new(async (request, _, ct) => Response.List(await request.Storage.ListAsync("key/", ct))),
            },
        });

    [Fact]
    public async Task List_StoredKeys_ReturnsTheirNamesInOrder()
    {
        // Arrange
        foreach (var name in new[] { "b", "a", "c/sub" })
        {
            await _backend.Storage.PutAsync(new StorageEntry("key/" + name, Encoding.UTF8.GetBytes("{}")), CancellationToken.None);
        }

        // Act
        var response = await _backend.SendAsync(Operation.List, "keys/");

        // Assert
        Assert.Equal(["a", "b", "c/"], response!.Data!["keys"]!.AsArray().Select(k => (string)k!));
    }

    [Fact]
    public async Task List_NothingStored_ReturnsEmptyKeys()
    {
        var response = await _backend.SendAsync(Operation.List, "keys/");

        Assert.Empty(response!.Data!["keys"]!.AsArray());
    }

    [Fact]
    public async Task List_WithoutTrailingSlash_AlsoRoutes()
    {
        var response = await _backend.SendAsync(Operation.List, "keys");

        Assert.NotNull(response?.Data?["keys"]);
    }

    [Fact]
    public async Task Read_OnListOnlyPath_ThrowsUnsupportedOperation()
    {
        await LogicalAssert.ThrowsAsync(ErrorType.UnsupportedOperation, () => _backend.SendAsync(Operation.Read, "keys/"));
    }
}
