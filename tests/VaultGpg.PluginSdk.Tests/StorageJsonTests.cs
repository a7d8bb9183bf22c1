using System.Text;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.PluginSdk.Tests.Support;

namespace VaultGpg.PluginSdk.Tests;

public sealed class StorageJsonTests
{
    private readonly InMemoryStorage _storage = new();

    [Fact]
    public async Task PutThenGet_Record_RoundTripsWithWireNames()
    {
        // Arrange
        var record = new SampleRecord("release", 4096, ["sign", "certify"]);

        // Act
        await _storage.PutJsonAsync("key/release", record, SampleJsonContext.Default.SampleRecord, sealWrap: true, CancellationToken.None);
        var read = await _storage.GetJsonAsync("key/release", SampleJsonContext.Default.SampleRecord, CancellationToken.None);
        var raw = await _storage.GetAsync("key/release", CancellationToken.None);

        // Assert
        Assert.Equal(record.Name, read!.Name);
        Assert.Equal(record.KeyBits, read.KeyBits);
        Assert.Equal(record.Usages, read.Usages);
        Assert.True(raw!.SealWrap);
        Assert.Equal("""{"name":"release","key_bits":4096,"usages":["sign","certify"]}""", Encoding.UTF8.GetString(raw.Value.Span));
    }

    [Fact]
    public async Task Get_MissingKey_ReturnsNull()
    {
        Assert.Null(await _storage.GetJsonAsync("key/none", SampleJsonContext.Default.SampleRecord, CancellationToken.None));
    }

    [Fact]
    public async Task Get_CorruptValue_ThrowsInvalidDataNamingTheKeyOnly()
    {
        await _storage.PutAsync(new StorageEntry("key/bad", Encoding.UTF8.GetBytes("{\"name\": secret-bytes")), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => _storage.GetJsonAsync("key/bad", SampleJsonContext.Default.SampleRecord, CancellationToken.None));

        Assert.Contains("key/bad", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-bytes", error.Message, StringComparison.Ordinal);
    }
}
