using System.Text;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.PluginSdk.Tests.Support;

namespace VaultGpg.PluginSdk.Tests;

/// <summary>Vault's existence check before writes: it decides create versus update (protocol facts §5.4).</summary>
public sealed class ExistenceCheckTests
{
    private static readonly FieldSchema<string> Name = Field.NameString("name", "Name of the entry.");
    private static readonly FieldSchema<int> Size = Field.Int("size", "A size.");

    private readonly TestBackend _backend;

    public ExistenceCheckTests()
    {
        _backend = TestBackend.Create(
            new PathDefinition("entries/" + PathPatterns.Name(Name))
            {
                Fields = [Name, Size],
                ExistenceCheck = async (request, data, ct) => await request.Storage.GetAsync("entries/" + data.Get(Name), ct) is not null,
                Operations =
                {
                    [Operation.Create] = new(Handlers.Named("create")),
                    [Operation.Update] = new(Handlers.Named("update")),
                },
            },
            new PathDefinition("plain") { Operations = { [Operation.Update] = new(Handlers.Named("plain")) } });
    }

    [Fact]
    public async Task ExistenceCheck_PathWithoutCheck_ReturnsNoCheck()
    {
        var result = await _backend.ExistsAsync("plain");

        Assert.Equal(ExistenceCheckResult.NoCheck, result);
    }

    [Fact]
    public async Task ExistenceCheck_MissingEntry_ReportsFoundCheckAndNotExists()
    {
        var result = await _backend.ExistsAsync("entries/new");

        Assert.Equal(new ExistenceCheckResult(true, false), result);
    }

    [Fact]
    public async Task ExistenceCheck_StoredEntry_ReportsExists()
    {
        await _backend.Storage.PutAsync(new StorageEntry("entries/old", Encoding.UTF8.GetBytes("{}")), CancellationToken.None);

        var result = await _backend.ExistsAsync("entries/old");

        Assert.Equal(new ExistenceCheckResult(true, true), result);
    }

    [Fact]
    public async Task ExistenceCheck_UnknownPath_ThrowsUnsupportedPath()
    {
        await LogicalAssert.ThrowsAsync(ErrorType.UnsupportedPath, () => _backend.ExistsAsync("nowhere"));
    }

    [Fact]
    public async Task ExistenceCheck_ReadOperation_ThrowsPlainError()
    {
        var error = await LogicalAssert.ThrowsAsync(ErrorType.Unknown, () => _backend.ExistsAsync("entries/a", operation: Operation.Read));

        Assert.Contains("incorrect operation type read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExistenceCheck_BadFieldValue_ThrowsUserErrorVaultPassesOn()
    {
        var error = await LogicalAssert.ThrowsAsync(ErrorType.User, () => _backend.ExistsAsync("entries/a", """{"size":"big"}"""));

        Assert.StartsWith("Field validation failed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"size\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Operation.Create, "create")]
    [InlineData(Operation.Update, "update")]
    public async Task HandleRequest_CreateOrUpdateAfterCheck_ReachesItsHandler(Operation operation, string expected)
    {
        var response = await _backend.SendAsync(operation, "entries/a");

        Assert.Equal(expected, (string?)response?.Data?["handled"]);
    }
}
