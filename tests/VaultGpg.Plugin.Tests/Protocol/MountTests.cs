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

    [Theory]
    [InlineData("keys/alpha")]
    [InlineData("no/such/path")]
    public async Task ExistenceCheck_DataNotReadable_IsAUserError(string path)
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);
        await session.SetupAsync("mount-a");
        var request = Request("update", path).Request;
        // Valid JSON, but deeper than the plugin reads: Vault passes only a user error (type 1) on as a 400.
        request.Data = "{\"input\":" + new string('[', 200) + new string(']', 200) + "}";

        var reply = await session.Backend.HandleExistenceCheckAsync(new HandleExistenceCheckArgs { Request = request }, MountSession.Headers("mount-a"));

        Assert.True(reply.Err is { ErrType: 1 }, reply.ToString());
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
        // Vault Enterprise seal-wraps what the plugin names here: the stored keys, their revocation certificates and the
        // transparency log's signing key, and nothing is root-only, node-local or written on the standby.
        Assert.Equal(["key/", "revocation/", "log/key"], paths.Paths.SealWrapStorage);
        Assert.Empty(paths.Paths.Root);
        Assert.Empty(paths.Paths.LocalStorage);
        Assert.Empty(paths.Paths.WriteForwardedStorage);
        // Only the log's public reads answer without a token; no path that uses or changes a secret key does.
        Assert.Equal(["log/checkpoint", "log/cosigned-checkpoint", "log/tile/*", "log/proof/*", "log/verifier-key"], paths.Paths.Unauthenticated);
        Assert.DoesNotContain(paths.Paths.Unauthenticated, p => SecretKeyPaths.Any(k => p.TrimEnd('*').StartsWith(k, StringComparison.Ordinal) || k.StartsWith(p.TrimEnd('*'), StringComparison.Ordinal)));
    }

    private static readonly string[] SecretKeyPaths = ["keys/", "sign/", "decrypt/", "show-session-key/", "export/"];

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

    [Fact]
    public async Task List_KeysInBrokeredStorage_ReadThroughTheBrokerConnection()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);
        var (_, broker) = await session.SetupAsync("mount-a");
        broker.Storage.Seed("key/alpha", "{}");
        broker.Storage.Seed("key/beta", "{}");

        var reply = await session.Backend.HandleRequestAsync(Request("list", "keys/"), MountSession.Headers("mount-a"));

        Assert.True(reply.Err is null, reply.ToString());
        Assert.Equal(["alpha", "beta"], JsonNode.Parse(reply.Response.Data)!["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Contains("list key/", broker.Storage.Calls);
    }

    [Fact]
    public async Task ExistenceCheck_KeyInStorage_FoundThroughTheBrokerAndSnapshotIdSent()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);
        var (_, broker) = await session.SetupAsync("mount-a");
        broker.Storage.Seed("key/alpha", "{}");
        var present = Request("update", "keys/alpha").Request;
        present.RequiresSnapshotId = "snap-1";

        var found = await session.Backend.HandleExistenceCheckAsync(new HandleExistenceCheckArgs { Request = present }, MountSession.Headers("mount-a"));
        var missing = await session.Backend.HandleExistenceCheckAsync(
            new HandleExistenceCheckArgs { Request = Request("update", "keys/gamma").Request }, MountSession.Headers("mount-a"));

        Assert.True(found is { Err: null, CheckFound: true, Exists: true }, found.ToString());
        Assert.True(missing is { Err: null, CheckFound: true, Exists: false }, missing.ToString());
        Assert.Contains("get key/alpha snapshot_id=snap-1", broker.Storage.Calls);
        Assert.Contains("get key/gamma", broker.Storage.Calls);
    }

    [Fact]
    public async Task Storage_TwoMounts_EachUsesItsOwnBrokeredStorage()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);
        var (_, brokerA) = await session.SetupAsync("mount-a");
        var (_, brokerB) = await session.SetupAsync("mount-b");
        brokerA.Storage.Seed("key/only-in-a", "{}");

        var inA = await session.Backend.HandleRequestAsync(Request("list", "keys/"), MountSession.Headers("mount-a"));
        var inB = await session.Backend.HandleRequestAsync(Request("list", "keys/"), MountSession.Headers("mount-b"));

        Assert.Contains("only-in-a", inA.Response.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("only-in-a", inB.Response?.Data ?? "", StringComparison.Ordinal);
        Assert.Single(brokerB.Storage.Calls);
    }

    [Fact]
    public async Task BrokerDial_ServerWithAnotherCertificate_RefusedSoStorageCallsFail()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var session = await MountSession.OpenAsync(host);
        using var impostor = GoPluginCertificates.CreateVaultLike();
        var (setup, broker) = await session.SetupAsync("mount-a", brokerCertificate: impostor);

        var reply = await session.Backend.HandleRequestAsync(Request("list", "keys/"), MountSession.Headers("mount-a"));

        Assert.Equal("", setup.Err);
        Assert.Equal(InternalErrorType, reply.Err.ErrType);
        Assert.Empty(broker.Storage.Calls);
        await host.WaitForStderrAsync(l => l.Contains("refused the brokered server's certificate", StringComparison.Ordinal));
    }

    /// <summary>pb.ProtoError err_type of an internal error (HTTP 500).</summary>
    private const uint InternalErrorType = 2;

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
