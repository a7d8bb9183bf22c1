using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Hosting.Translation;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Plugin.Tests.Protocol.Units;

public sealed class ResponseTranslatorTests
{
    [Fact]
    public void ToReply_NullResponse_HasNeitherResponseNorError()
    {
        var reply = ResponseTranslator.ToReply(null);

        Assert.Null(reply.Response);
        Assert.Null(reply.Err);
    }

    [Fact]
    public void ToReply_ResponseWithoutData_SendsJsonNull()
    {
        var reply = ResponseTranslator.ToReply(new Response { Warnings = ["w"] });

        Assert.Equal("null", reply.Response.Data);
        Assert.Equal(["w"], reply.Response.Warnings);
    }

    [Fact]
    public void ToReply_InvalidRequestResponse_SendsErrorDataAndType7()
    {
        var reply = ResponseTranslator.ToReply(Response.InvalidRequest("bad name \"x\""));

        Assert.Equal("{\"error\":\"bad name \\\"x\\\"\"}", reply.Response.Data);
        Assert.Equal(7u, reply.Err.ErrType);
    }

    [Fact]
    public void ToReply_BareError_SendsOnlyTheError()
    {
        var reply = ResponseTranslator.ToReply(new Response { Error = LogicalError.PermissionDenied });

        Assert.Null(reply.Response);
        Assert.Equal(8u, reply.Err.ErrType);
    }

    [Fact]
    public void ToReply_Secret_SendsLeaseOptionsWithIssueTimeAndNanoseconds()
    {
        var issued = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var reply = ResponseTranslator.ToReply(new Response
        {
            Data = new JsonObject(),
            Secret = new Secret
            {
                LeaseOptions = new LeaseOptions { Ttl = TimeSpan.FromHours(1), Renewable = true, IssueTime = issued },
                InternalData = new JsonObject { ["secret_type"] = "k" },
            },
        });

        var lease = reply.Response.Secret.LeaseOptions;
        Assert.Equal(3_600_000_000_000L, lease.TTL);
        Assert.True(lease.Renewable);
        Assert.Equal(issued, lease.IssueTime.ToDateTimeOffset());
        Assert.Equal("{\"secret_type\":\"k\"}", reply.Response.Secret.InternalData);
    }

    [Fact]
    public void ToReply_SecretWithoutIssueTime_SendsGosZeroTimeNotNil()
    {
        var reply = ResponseTranslator.ToReply(new Response { Secret = new Secret() });

        var issueTime = reply.Response.Secret.LeaseOptions.IssueTime;
        Assert.NotNull(issueTime);
        Assert.Equal(-62135596800L, issueTime.Seconds);
        Assert.Equal("null", reply.Response.Secret.InternalData);
    }

    [Fact]
    public void ToReply_Headers_BecomeHeaderLists()
    {
        var reply = ResponseTranslator.ToReply(new Response
        {
            Headers = new Dictionary<string, IReadOnlyList<string>> { ["X-A"] = ["1", "2"] },
        });

        Assert.Equal(["1", "2"], reply.Response.Headers["X-A"].Header_);
    }
}
