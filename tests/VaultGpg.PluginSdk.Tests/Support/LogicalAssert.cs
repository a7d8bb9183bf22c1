using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Tests.Support;

/// <summary>Assertions on what a backend answers, named after the HTTP outcome Vault derives from it.</summary>
internal static class LogicalAssert
{
    /// <summary>A 400: an error response with error type invalid request whose text contains every fragment.</summary>
    public static void InvalidRequest(Response? response, params string[] fragments)
    {
        Assert.NotNull(response);
        Assert.True(response.IsError, "expected an error response, got data " + response.Data?.ToJsonString());
        Assert.Equal(ErrorType.InvalidRequest, response.Error?.Type);
        var text = (string)response.Data!["error"]!;
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, text, StringComparison.Ordinal);
        }
    }

    /// <summary>The call throws a <see cref="LogicalException"/> of the given type (404, 405, …).</summary>
    public static async Task<LogicalError> ThrowsAsync(ErrorType expected, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<LogicalException>(call);
        Assert.Equal(expected, exception.Error.Type);
        return exception.Error;
    }

    /// <summary>The node equals the expected JSON text (same values and key order; escaping does not matter).</summary>
    public static void JsonEqual(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(expectedNode, actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");
        Assert.Equal(
            expectedNode!.AsObject().Select(p => p.Key),
            actual!.AsObject().Select(p => p.Key));
    }
}
