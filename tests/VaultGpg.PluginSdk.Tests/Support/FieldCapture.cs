using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Tests.Support;

/// <summary>A handler that keeps the <see cref="FieldData"/> it was given, so a test can read the parsed fields.</summary>
internal sealed class FieldCapture
{
    public FieldData? Data { get; private set; }

    public int Calls { get; private set; }

    public Task<Response?> HandleAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        Data = data;
        Calls++;
        return Task.FromResult<Response?>(null);
    }

    public FieldData Received => Data ?? throw new InvalidOperationException("the handler was not called");
}
