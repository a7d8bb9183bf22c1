using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.TestPlugin;

/// <summary><c>boom</c>: fails with an unexpected exception, which the host must log once and answer as a 500.</summary>
internal static class PathBoom
{
    public const string Message = "boom: an unexpected failure for tests";

    public static PathDefinition Define() => new("boom")
    {
        Operations =
        {
            [Operation.Read] = new(FailAsync) { Summary = "Fail unexpectedly." },
            [Operation.Update] = new(FailAsync) { Summary = "Fail unexpectedly." },
        },
        HelpSynopsis = "Fail with an unexpected exception.",
        HelpDescription = "Every request throws, to test how the host reports unexpected failures.",
    };

    private static Task<Response?> FailAsync(Request request, FieldData data, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Message);
}
