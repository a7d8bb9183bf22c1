using Google.Protobuf.Collections;
using VaultGpg.PluginSdk.Hosting.Proto.Pb;
using VaultGpg.PluginSdk.Logical;
using ProtoRequest = VaultGpg.PluginSdk.Hosting.Proto.Pb.Request;
using SdkRequest = VaultGpg.PluginSdk.Logical.Request;

namespace VaultGpg.PluginSdk.Hosting.Translation;

/// <summary>pb.Request to the SDK's Request.</summary>
internal static class RequestTranslator
{
    /// <summary>Translates the request, or returns the error to answer with instead.</summary>
    /// <param name="request">The wire request.</param>
    /// <param name="storage">The storage view this request works on.</param>
    /// <param name="error">Set when the request cannot be translated (unknown operation, data that is not JSON).</param>
    public static SdkRequest? FromProto(ProtoRequest request, IStorage storage, out LogicalError? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!OperationNames.TryParse(request.Operation, out var operation))
        {
            error = LogicalError.UnsupportedOperation;
            return null;
        }

        try
        {
            error = null;
            return new SdkRequest
            {
                Id = request.Id,
                Operation = operation.Value,
                Path = request.Path,
                Data = JsonText.ParseElement(request.Data),
                Storage = storage,
                MountPoint = request.MountPoint,
                MountType = request.MountType,
                MountAccessor = request.MountAccessor,
                ClientTokenAccessor = request.ClientTokenAccessor,
                DisplayName = request.DisplayName,
                EntityId = request.EntityId,
                RemoteAddress = request.Connection?.RemoteAddr ?? "",
                Headers = FromProto(request.Headers),
                Unauthenticated = request.Unauthenticated,
                Secret = request.Secret is null ? null : SecretTranslator.FromProto(request.Secret),
            };
        }
        catch (System.Text.Json.JsonException)
        {
            // Vault always sends valid JSON; anything else is the caller's fault, and its text may hold secrets.
            error = new LogicalError(ErrorType.BadRequest, "request data is not a valid JSON object");
            return null;
        }
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FromProto(MapField<string, Header> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var result = new Dictionary<string, IReadOnlyList<string>>(headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            result[name] = [.. values.Header_];
        }

        return result;
    }
}
