namespace VaultGpg.TestSupport;

/// <summary>
/// A throw-away rpm database for <c>rpmkeys --dbpath DIR --import / --checksig</c>, so tests can ask rpm itself
/// whether it accepts a public key or a signed package. Guard tests with <c>[GpgFact("rpmkeys")]</c>.
/// </summary>
public sealed class RpmKeyring : IAsyncDisposable
{
    private readonly TimeSpan _timeout;

    private RpmKeyring(string directory, TimeSpan timeout)
    {
        Directory = directory;
        _timeout = timeout;
    }

    public string Directory { get; }

    public static RpmKeyring Create(TimeSpan? timeout = null) =>
        new(TemporaryDirectory.CreateShort("r-"), timeout ?? ExternalProcess.DefaultTimeout);

    /// <summary><c>rpmkeys --import</c> of an armored public key; exit code 0 means rpm accepted it.</summary>
    public async Task<ProcessResult> ImportAsync(byte[] armoredPublicKey, CancellationToken cancellationToken = default)
    {
        var file = await WriteFileAsync("key.asc", armoredPublicKey, cancellationToken).ConfigureAwait(false);
        return await RunAsync(["--import", file], cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>rpmkeys --checksig</c> of a package file; stdout says "digests signatures OK" when it verifies.</summary>
    public Task<ProcessResult> CheckSignatureAsync(string packagePath, CancellationToken cancellationToken = default) =>
        RunAsync(["--checksig", packagePath], cancellationToken);

    /// <summary>The imported keys as rpm names them (<c>gpg-pubkey-KEYID-CREATED</c>).</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(CancellationToken cancellationToken = default)
    {
        var result = await ExternalProcess.RunAsync(
            "rpm", ["--dbpath", Directory, "-q", "gpg-pubkey"], null, null, _timeout, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0
            ? result.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
    }

    public Task<ProcessResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        ExternalProcess.RunAsync("rpmkeys", ["--dbpath", Directory, .. arguments], null, null, _timeout, cancellationToken);

    public ValueTask DisposeAsync()
    {
        TemporaryDirectory.DeleteQuietly(Directory);
        return ValueTask.CompletedTask;
    }

    private async Task<string> WriteFileAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, Guid.NewGuid().ToString("N")[..8] + "-" + name);
        await File.WriteAllBytesAsync(path, content, cancellationToken).ConfigureAwait(false);
        return path;
    }
}
