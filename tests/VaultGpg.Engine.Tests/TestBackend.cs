using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Tests;

/// <summary>
/// The engine on in-memory storage, driven the way Vault drives it: existence check first for writes, then
/// HandleRequest with the operation Vault would send (the counterpart of transit's createBackendWithSysView).
/// </summary>
internal sealed class TestBackend
{
    private TestBackend(IBackend backend, IStorage storage)
    {
        Backend = backend;
        Storage = storage;
    }

    public IBackend Backend { get; }

    public IStorage Storage { get; }

    public static async Task<TestBackend> CreateAsync(IStorage? storage = null, TimeProvider? timeProvider = null)
    {
        storage ??= new InMemoryStorage();
        var config = new BackendConfig
        {
            StorageView = storage,
            System = new StaticSystemView(),
            LoggerFactory = NullLoggerFactory.Instance,
            TimeProvider = timeProvider ?? TimeProvider.System,
        };
        var backend = await GpgBackend.Factory(config, CancellationToken.None);
        await backend.InitializeAsync(CancellationToken.None);
        return new TestBackend(backend, storage);
    }

    /// <summary>A POST/PUT: Vault runs the existence check and sends create or update accordingly.</summary>
    public async Task<Result> WriteAsync(string path, object? body = null)
    {
        var request = Build(Operation.Update, path, body);
        ExistenceCheckResult check;
        try
        {
            check = await Backend.HandleExistenceCheckAsync(request, CancellationToken.None);
        }
        catch (LogicalException e) when (e.Error.Type == ErrorType.UnsupportedPath)
        {
            // Vault carries on as an update, which then fails with 404.
            check = ExistenceCheckResult.NoCheck;
        }
        catch (LogicalException e) when (e.Error.Type == ErrorType.User)
        {
            // Vault passes a user error from the existence check to the client as a 400.
            return new Result(Response.ErrorResponse(e.Error.Message), null);
        }

        var operation = check.CheckFound && !check.Exists ? Operation.Create : Operation.Update;
        return await SendAsync(request with { Operation = operation });
    }

    public Task<Result> ReadAsync(string path, object? query = null) => SendAsync(Build(Operation.Read, path, query));

    public Task<Result> DeleteAsync(string path) => SendAsync(Build(Operation.Delete, path, null));

    public Task<Result> ListAsync(string path) => SendAsync(Build(Operation.List, path, null));

    public async Task<Result> SendAsync(Request request)
    {
        try
        {
            return new Result(await Backend.HandleRequestAsync(request, CancellationToken.None), null);
        }
        catch (LogicalException e)
        {
            return new Result(null, e.Error);
        }
    }

    private Request Build(Operation operation, string path, object? body) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Operation = operation,
        Path = path,
        Data = body is null ? null : JsonSerializer.SerializeToElement(body),
        Storage = Storage,
        MountPoint = "gpg/",
        MountType = "vault-plugin-secrets-gpg",
    };

    /// <summary>What Vault would make of a handler's answer: the HTTP status and the data.</summary>
    internal sealed record Result(Response? Response, LogicalError? ThrownError)
    {
        public LogicalError? Error => ThrownError ?? Response?.Error;

        public JsonObject Data => Response?.Data ?? throw new Xunit.Sdk.XunitException($"no data: {this}");

        public string? ErrorMessage => Response?.Data?["error"]?.GetValue<string>();

        /// <summary>The status Vault answers (protocol facts 5.5), for the shapes this engine produces.</summary>
        public int Status(Operation operation) => (Error, Response) switch
        {
            ({ Type: ErrorType.UnsupportedPath }, _) => 404,
            ({ Type: ErrorType.UnsupportedOperation }, _) => 405,
            ({ Type: ErrorType.PermissionDenied }, _) => 403,
            ({ Type: ErrorType.InvalidRequest or ErrorType.BadRequest }, _) => 400,
            ({ }, null) => 500,
            ({ }, _) => 400,
            (null, null) => operation is Operation.Read or Operation.List ? 404 : 204,
            (null, { IsError: true }) => 400,
            _ => 200,
        };

        public string Text(string member) => Data[member]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"no {member} in {Data.ToJsonString()}");

        public override string ToString() =>
            $"error={Error}, data={Response?.Data?.ToJsonString() ?? "null"}";
    }
}
