using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Tests.Support;

/// <summary>Small handlers for test paths.</summary>
internal static class Handlers
{
    /// <summary>Answers <c>{"handled": name}</c>, so a test can see which path and operation ran.</summary>
    public static OperationHandler Named(string name) =>
        (_, _, _) => Task.FromResult<Response?>(Response.WithData(new JsonObject { ["handled"] = name }));

    /// <summary>Answers nothing (204 / 404).</summary>
    public static OperationHandler Nothing { get; } = (_, _, _) => Task.FromResult<Response?>(null);
}
