using Google.Protobuf.WellKnownTypes;
using VaultGpg.PluginSdk.Hosting.Proto.Pb;
using VaultGpg.PluginSdk.Hosting.Translation;
using VaultGpg.PluginSdk.Logical;
using ProtoRequest = VaultGpg.PluginSdk.Hosting.Proto.Pb.Request;
using ProtoSecret = VaultGpg.PluginSdk.Hosting.Proto.Pb.Secret;

namespace VaultGpg.Plugin.Tests.Protocol.Units;

public sealed class RequestTranslatorTests
{
    private readonly InMemoryStorage _storage = new();

    [Fact]
    public void FromProto_FullRequest_CopiesWhatTheSdkUses()
    {
        var wire = new ProtoRequest
        {
            Id = "req-1",
            Operation = "update",
            Path = "keys/a",
            Data = "{\"name\":\"a\",\"n\":2}",
            MountPoint = "gpg/",
            MountType = "vault-plugin-secrets-gpg",
            MountAccessor = "acc",
            ClientTokenAccessor = "tok-acc",
            DisplayName = "root",
            EntityId = "ent",
            Unauthenticated = true,
            Connection = new Connection { RemoteAddr = "10.0.0.1" },
            Headers = { ["X-Trace"] = new Header { Header_ = { "t1" } } },
        };

        var request = RequestTranslator.FromProto(wire, _storage, out var error);

        Assert.Null(error);
        Assert.Equal(Operation.Update, request!.Operation);
        Assert.Equal("keys/a", request.Path);
        Assert.Equal("a", request.Data!.Value.GetProperty("name").GetString());
        Assert.Equal("gpg/", request.MountPoint);
        Assert.Equal("10.0.0.1", request.RemoteAddress);
        Assert.Equal(["t1"], request.Headers["x-trace"]);
        Assert.True(request.Unauthenticated);
        Assert.Same(_storage, request.Storage);
    }

    [Fact]
    public void FromProto_UnknownOperation_UnsupportedOperation()
    {
        var request = RequestTranslator.FromProto(new ProtoRequest { Operation = "frobnicate" }, _storage, out var error);

        Assert.Null(request);
        Assert.Equal(ErrorType.UnsupportedOperation, error!.Type);
    }

    [Fact]
    public void FromProto_DataNotJson_BadRequestWithoutEchoingIt()
    {
        var request = RequestTranslator.FromProto(new ProtoRequest { Operation = "update", Data = "{secret" }, _storage, out var error);

        Assert.Null(request);
        Assert.Equal(ErrorType.BadRequest, error!.Type);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromProto_RenewWithSecret_TranslatesLeaseAndInternalData()
    {
        var issued = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var wire = new ProtoRequest
        {
            Operation = "renew",
            Data = "null",
            Secret = new ProtoSecret
            {
                LeaseId = "lease",
                InternalData = "{\"secret_type\":\"k\"}",
                LeaseOptions = new VaultGpg.PluginSdk.Hosting.Proto.Pb.LeaseOptions
                {
                    TTL = 60_000_000_000,
                    Increment = 30_000_000_000,
                    Renewable = true,
                    IssueTime = Timestamp.FromDateTimeOffset(issued),
                },
            },
        };

        var request = RequestTranslator.FromProto(wire, _storage, out _);

        Assert.Null(request!.Data);
        Assert.Equal("lease", request.Secret!.LeaseId);
        Assert.Equal("k", request.Secret.InternalData!["secret_type"]!.GetValue<string>());
        Assert.Equal(TimeSpan.FromMinutes(1), request.Secret.LeaseOptions.Ttl);
        Assert.Equal(TimeSpan.FromSeconds(30), request.Secret.LeaseOptions.Increment);
        Assert.Equal(issued, request.Secret.LeaseOptions.IssueTime);
    }
}
