using Grpc.Core;
using VaultGpg.PluginSdk.Hosting.Proto.Logical;

namespace VaultGpg.PluginSdk.Hosting.Services;

/// <summary>logical.PluginVersion: the semver Vault records at registration and compares with <c>-version</c>.</summary>
internal sealed class VersionService(PluginServerOptions options) : PluginVersion.PluginVersionBase
{
    public override Task<VersionReply> Version(Empty request, ServerCallContext context) =>
        Task.FromResult(new VersionReply { PluginVersion = options.Version });
}
