using System.Text.Json.Nodes;
using Grpc.Core;
using VaultGpg.Plugin.Tests.Protocol.Support;
using VaultGpg.PluginSdk.Hosting.Proto.Pb;

namespace VaultGpg.Plugin.Tests.Protocol;

/// <summary>Mounting the published plugin the way Vault does: broker, Setup, Type, SpecialPaths, requests, Cleanup.</summary>
public sealed class MountTests
{
    [Fact]
    public async Task Setup_BrokerAnnouncedFirst_SucceedsAndTypeIsSecretsEngine()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);

        var (reply, _) = await session.SetupAsync("mount-a");
        var type = await session.Backend.TypeAsync(new Empty(), MountSession.Headers("mount-a"));

        Assert.Equal("", reply.Err);
        Assert.Equal(1u, type.Type);
    }

    [Fact]
    public async Task Setup_BrokerAnnouncedAfterSetup_WaitsForItAndSucceeds()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);

        var (reply, _) = await session.SetupAsync(multiplexId: null, announceAfterSetup: true);

        Assert.Equal("", reply.Err);
    }

    [Fact]
    public async Task HelpOnMountRoot_AfterSetup_ReturnsHelpAndOpenApiDocument()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);
        await session.SetupAsync("mount-a");

        var reply = await session.Backend.HandleRequestAsync(Request("help", ""), MountSession.Headers("mount-a"));

        Assert.True(reply.Err is null, string.Join('\n', host.StderrLines));
        var data = JsonNode.Parse(reply.Response.Data)!.AsObject();
        Assert.Contains("GPG", data["help"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("3.0.2", data["openapi"]!["openapi"]!.GetValue<string>());
    }

    [Fact]
    public async Task Read_UnknownPath_UnsupportedPathError()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);
        await session.SetupAsync("mount-a");

        var reply = await session.Backend.HandleRequestAsync(Request("read", "no/such/path"), MountSession.Headers("mount-a"));

        Assert.Equal(6u, reply.Err.ErrType);
    }

    [Fact]
    public async Task ExistenceCheck_UnknownPath_AnswersWithoutGrpcError()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);
        await session.SetupAsync("mount-a");

        var reply = await session.Backend.HandleExistenceCheckAsync(
            new HandleExistenceCheckArgs { Request = Request("update", "no/such/path").Request }, MountSession.Headers("mount-a"));

        Assert.True(reply.Err is { ErrType: 6 } || (reply.Err is null && !reply.CheckFound), reply.ToString());
    }

    [Fact]
    public async Task Rollback_Periodic_AnswersNothingWithoutError()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);
        await session.SetupAsync("mount-a");

        var reply = await session.Backend.HandleRequestAsync(Request("rollback", ""), MountSession.Headers("mount-a"));

        Assert.True(reply.Err is null or { ErrType: 5 }, reply.ToString());
        Assert.True(reply.Response is null || reply.Response.Data.Length > 0, "Response.data must never be an empty string");
    }

    [Fact]
    public async Task InitializeAndSpecialPaths_AfterSetup_Succeed()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);
        await session.SetupAsync("mount-a");

        var initialize = await session.Backend.InitializeAsync(new InitializeArgs(), MountSession.Headers("mount-a"));
        var paths = await session.Backend.SpecialPathsAsync(new Empty(), MountSession.Headers("mount-a"));

        Assert.Null(initialize.Err);
        Assert.NotNull(paths);
    }

    [Fact]
    public async Task Cleanup_OneOfTwoMounts_OtherMountKeepsServing()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);
        await session.SetupAsync("mount-a");
        await session.SetupAsync("mount-b");

        await session.Backend.CleanupAsync(new Empty(), MountSession.Headers("mount-a"));
        var b = await session.Backend.HandleRequestAsync(Request("help", ""), MountSession.Headers("mount-b"));
        var a = await Assert.ThrowsAsync<RpcException>(async () =>
            await session.Backend.HandleRequestAsync(Request("help", ""), MountSession.Headers("mount-a")));

        Assert.Null(b.Err);
        Assert.Equal(StatusCode.FailedPrecondition, a.StatusCode);
    }

    [Fact]
    public async Task HandleRequest_DataNotJson_BadRequestWithoutEchoingTheData()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);
        await session.SetupAsync("mount-a");
        var request = Request("update", "x");
        request.Request.Data = "{not json secret-value";

        var reply = await session.Backend.HandleRequestAsync(request, MountSession.Headers("mount-a"));

        Assert.Equal(4u, reply.Err.ErrType);
        Assert.DoesNotContain("secret-value", reply.Err.ErrMsg, StringComparison.Ordinal);
    }

    private static HandleRequestArgs Request(string operation, string path) => new()
    {
        Request = new VaultGpg.PluginSdk.Hosting.Proto.Pb.Request
        {
            Id = Guid.NewGuid().ToString(),
            Operation = operation,
            Path = path,
            Data = "null",
            MountPoint = "gpg/",
            MountType = "vault-plugin-secrets-gpg",
        },
    };
}
