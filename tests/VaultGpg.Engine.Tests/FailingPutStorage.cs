using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Tests;

/// <summary>Storage whose puts fail from the Nth one after <see cref="FailPut"/> arms it: a write failing mid-append.</summary>
internal sealed class FailingPutStorage(IStorage inner) : IStorage
{
    private int _putsUntilFailure = -1;

    public string Message { get; set; } = "injected storage failure";

    /// <summary>How many puts got through since the last arming.</summary>
    public int PutsSeen { get; private set; }

    /// <summary>Lets <paramref name="okPuts"/> puts through, fails the next one, then works again.</summary>
    public void FailPut(int okPuts)
    {
        _putsUntilFailure = okPuts;
        PutsSeen = 0;
    }

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public Task<StorageEntry?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public Task PutAsync(StorageEntry entry, CancellationToken cancellationToken)
    {
        if (_putsUntilFailure == 0)
        {
            _putsUntilFailure = -1;
            throw new StorageException(Message);
        }

        if (_putsUntilFailure > 0)
        {
            _putsUntilFailure--;
        }

        PutsSeen++;
        return inner.PutAsync(entry, cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
}
