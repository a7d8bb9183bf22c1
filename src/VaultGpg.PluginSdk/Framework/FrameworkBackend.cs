using System.Text.Json;
using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Framework.Internal;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Framework;

/// <summary>
/// An <see cref="IBackend"/> made of declared paths (Vault's framework.Backend). It routes each request to the first
/// matching path (unknown path: 404 "unsupported path"; undeclared operation: 405), validates the fields before the
/// handler runs (400 "Field validation failed: …"), answers existence checks, help with OpenAPI for the root and for
/// each path, and the periodic rollback.
/// </summary>
public sealed class FrameworkBackend : IBackend
{
    /// <summary>The request parameter Vault's OpenAPI aggregation uses to prefix operation ids.</summary>
    private const string RequestResponsePrefixParameter = "requestResponsePrefix";

    private readonly FrameworkBackendOptions _options;
    private readonly Router _router;

    /// <exception cref="ArgumentException">A path definition is inconsistent (bad pattern, capture without a field,
    /// create without an existence check or the reverse, a field declared twice).</exception>
    public FrameworkBackend(FrameworkBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Config);
        ArgumentNullException.ThrowIfNull(options.Paths);
        _options = options;
        _router = new Router(options.Paths);
    }

    public BackendType Type => _options.BackendType;

    public SpecialPaths SpecialPaths => _options.SpecialPaths;

    public BackendConfig Config => _options.Config;

    /// <summary>The path definition a request path would be routed to, or null (Vault's Backend.Route).</summary>
    public PathDefinition? Route(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _router.Match(path)?.Path.Definition;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _options.Initialize?.Invoke(cancellationToken) ?? Task.CompletedTask;

    public async Task<Response?> HandleRequestAsync(Request request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request.Operation)
        {
            case Operation.Rollback:
                if (_options.Periodic is { } periodic)
                {
                    await periodic(request, cancellationToken).ConfigureAwait(false);
                }

                return null;
            case Operation.Renew:
                return await HandleLeaseAsync(_options.Renew, request, cancellationToken).ConfigureAwait(false);
            case Operation.Revoke:
                return await HandleLeaseAsync(_options.Revoke, request, cancellationToken).ConfigureAwait(false);
            case Operation.Help when request.Path.Length == 0:
                return await RootHelpAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var route = _router.Match(request.Path) ?? throw new LogicalException(LogicalError.UnsupportedPath);
        if (!route.Path.Operations.TryGetValue(request.Operation, out var operation))
        {
            return request.Operation == Operation.Help
                ? await PathHelpAsync(request, route.Path, cancellationToken).ConfigureAwait(false)
                : throw new LogicalException(LogicalError.UnsupportedOperation);
        }

        var checkRequired = request.Operation is Operation.Create or Operation.Update;
        var validation = FieldValidator.Validate(route, request.Data, checkRequired);
        if (validation.Problem is not null)
        {
            return Response.InvalidRequest(validation.Problem);
        }

        var response = await operation.Handler(request, validation.Data, cancellationToken).ConfigureAwait(false);
        return response is null ? null : FieldValidator.AddWarnings(response, validation);
    }

    public async Task<ExistenceCheckResult> HandleExistenceCheckAsync(Request request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Operation is not (Operation.Create or Operation.Update))
        {
            // Vault only asks for writes; anything else is a caller bug, reported as a plain error (500).
            throw new LogicalException(new LogicalError(ErrorType.Unknown, $"incorrect operation type {request.Operation.ToWire()} for an existence check"));
        }

        var route = _router.Match(request.Path) ?? throw new LogicalException(LogicalError.UnsupportedPath);
        if (route.Path.Definition.ExistenceCheck is not { } check)
        {
            return ExistenceCheckResult.NoCheck;
        }

        // Required fields are left to the request itself; here only sent values must parse.
        var validation = FieldValidator.Validate(route, request.Data, checkRequired: false);
        if (validation.Problem is not null)
        {
            // A user error is the one kind Vault passes through from an existence check (as a 400).
            throw new LogicalException(new LogicalError(ErrorType.User, validation.Problem));
        }

        var exists = await check(request, validation.Data, cancellationToken).ConfigureAwait(false);
        return new ExistenceCheckResult(true, exists);
    }

    public Task InvalidateKeyAsync(string key, CancellationToken cancellationToken) =>
        _options.Invalidate?.Invoke(key, cancellationToken) ?? Task.CompletedTask;

    public Task CleanupAsync(CancellationToken cancellationToken) =>
        _options.Cleanup?.Invoke(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<Response?> HandleLeaseAsync(
        Func<Request, CancellationToken, Task<Response?>>? handler, Request request, CancellationToken cancellationToken) =>
        handler is null
            ? throw new LogicalException(LogicalError.UnsupportedOperation)
            : await handler(request, cancellationToken).ConfigureAwait(false);

    private async Task<Response> RootHelpAsync(Request request, CancellationToken cancellationToken)
    {
        var document = NewDocumentBuilder(request);
        foreach (var path in _router.Paths)
        {
            document.AddPath(path);
        }

        var help = HelpText.Root(_options.Help, _router.Paths);
        return HelpResponse(help, await document.BuildAsync(this, cancellationToken).ConfigureAwait(false));
    }

    private async Task<Response> PathHelpAsync(Request request, CompiledPath path, CancellationToken cancellationToken)
    {
        var document = NewDocumentBuilder(request);
        document.AddPath(path);
        var help = HelpText.ForPath(request.Path, path);
        return HelpResponse(help, await document.BuildAsync(this, cancellationToken).ConfigureAwait(false));
    }

    private OpenApiDocumentBuilder NewDocumentBuilder(Request request)
    {
        var prefix = request.Data is { ValueKind: JsonValueKind.Object } data &&
            data.TryGetProperty(RequestResponsePrefixParameter, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";
        return new OpenApiDocumentBuilder(_options.SpecialPaths, _options.BackendType, prefix);
    }

    /// <summary>Vault's logical.HelpResponse: never null, so Vault's help handler and OpenAPI aggregation are safe.</summary>
    private static Response HelpResponse(string help, JsonObject openApi) => Response.WithData(new JsonObject
    {
        ["help"] = help,
        ["see_also"] = null,
        ["openapi"] = openApi,
    });
}
