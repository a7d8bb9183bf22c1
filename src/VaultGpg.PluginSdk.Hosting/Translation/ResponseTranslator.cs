using VaultGpg.PluginSdk.Hosting.Proto.Pb;
using ProtoResponse = VaultGpg.PluginSdk.Hosting.Proto.Pb.Response;
using SdkResponse = VaultGpg.PluginSdk.Logical.Response;

namespace VaultGpg.PluginSdk.Hosting.Translation;

/// <summary>The SDK's Response to pb.HandleRequestReply.</summary>
internal static class ResponseTranslator
{
    /// <summary>Builds the reply: the response (absent for null) and, separately, its error if it carries one.</summary>
    public static HandleRequestReply ToReply(SdkResponse? response)
    {
        var reply = new HandleRequestReply();
        if (response is null)
        {
            return reply;
        }

        if (response.Error is { } error)
        {
            reply.Err = ErrorTranslator.ToProto(error);
            if (IsBareError(response))
            {
                // Go's "return nil, err": with no response Vault answers 500 for a plain error, not 400.
                return reply;
            }
        }

        reply.Response = ToProto(response);
        return reply;
    }

    private static bool IsBareError(SdkResponse response) =>
        response.Data is null && response.Secret is null && response.Warnings.Count == 0 && response.Headers.Count == 0
        && response.Redirect.Length == 0;

    public static ProtoResponse ToProto(SdkResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var proto = new ProtoResponse
        {
            Data = JsonText.Write(response.Data),
            Redirect = response.Redirect,
            Warnings = { response.Warnings },
        };
        if (response.Secret is { } secret)
        {
            proto.Secret = SecretTranslator.ToProto(secret);
        }

        foreach (var (name, values) in response.Headers)
        {
            proto.Headers[name] = new Header { Header_ = { values } };
        }

        return proto;
    }
}
