using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VaultGpg.TestSupport;

/// <summary>
/// The real GnuPG as a test oracle, in a private, short-lived GNUPGHOME under <c>/tmp</c> (gpg-agent's socket
/// path must stay short). Every call runs <c>gpg --batch</c> with loopback pinentry and a status file, so stdout is
/// byte-exact and nothing ever prompts. Dispose kills the agent and deletes the home.
/// </summary>
/// <remarks>Tests guard themselves with <see cref="GpgFactAttribute"/> so a machine without gpg reports skips.</remarks>
public sealed class GpgOracle : IAsyncDisposable
{
    private readonly TimeSpan _timeout;
    private readonly Dictionary<string, string> _environment;
    private int _callCounter;

    private GpgOracle(string home, TimeSpan timeout)
    {
        Home = home;
        _timeout = timeout;
        _environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["GNUPGHOME"] = home };
    }

    /// <summary>The temporary GNUPGHOME.</summary>
    public string Home { get; }

    /// <summary>
    /// Creates a fresh, empty home. <paramref name="timeout"/> bounds every single gpg call (default 60 s).
    /// <paramref name="s2kCount"/> fixes the bytes hashed by S2K when the agent protects or exports a key (default
    /// 65,536): without it gpg-agent calibrates a count first, which takes seconds per home. gpg 2.2's calibrated
    /// value is usually the maximum, 65,011,712.
    /// </summary>
    public static GpgOracle Create(TimeSpan? timeout = null, int s2kCount = 65536)
    {
        var home = TemporaryDirectory.CreateShort("g-");
        // Loopback pinentry is on by default in 2.2; saying so keeps the oracle independent of distro defaults. No
        // passphrase caching: a test that passes a wrong passphrase must see it fail, not a cached unlock succeed.
        File.WriteAllText(
            Path.Combine(home, "gpg-agent.conf"),
            string.Create(CultureInfo.InvariantCulture, $"allow-loopback-pinentry\ndefault-cache-ttl 0\nmax-cache-ttl 0\ns2k-count {s2kCount}\n"));
        return new GpgOracle(home, timeout ?? ExternalProcess.DefaultTimeout);
    }

    /// <summary>Runs gpg with <c>--batch --no-tty --pinentry-mode loopback --status-file …</c> prepended.</summary>
    public async Task<GpgResult> RunAsync(IEnumerable<string> arguments, byte[]? stdin = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var statusFile = Path.Combine(Home, string.Create(CultureInfo.InvariantCulture, $"status-{Interlocked.Increment(ref _callCounter)}"));
        string[] common = ["--batch", "--no-tty", "--pinentry-mode", "loopback", "--status-file", statusFile];
        var process = await ExternalProcess.RunAsync(
            "gpg", common.Concat(arguments), stdin, _environment, _timeout, cancellationToken).ConfigureAwait(false);
        var statusText = File.Exists(statusFile)
            ? await File.ReadAllTextAsync(statusFile, cancellationToken).ConfigureAwait(false)
            : string.Empty;
        File.Delete(statusFile);
        return new GpgResult(process, GpgStatusLine.ParseAll(statusText));
    }

    /// <summary><c>gpg --import</c>; with a passphrase, protected secret keys are unlocked through loopback.</summary>
    public Task<GpgResult> ImportAsync(byte[] keyData, string? passphrase = null, CancellationToken cancellationToken = default) =>
        RunAsync([.. PassphraseArguments(passphrase), "--import"], keyData, cancellationToken);

    /// <summary>
    /// <c>gpg --quick-gen-key</c>. <paramref name="algorithm"/> is gpg's name (rsa2048, rsa4096, ed25519, nistp256,
    /// default), <paramref name="usage"/> e.g. "default", "sign", "cert", <paramref name="expire"/> "never", "1y", or
    /// an ISO date; <paramref name="at"/> dates the key in the past (gpg's --faked-system-time). Returns the new
    /// primary key's fingerprint.
    /// </summary>
    public Task<string> GenerateKeyAsync(
        string userId,
        string algorithm = "default",
        string usage = "default",
        string expire = "never",
        string? passphrase = null,
        DateTimeOffset? at = null,
        CancellationToken cancellationToken = default)
        => QuickCreateAsync("--quick-gen-key", userId, algorithm, usage, expire, passphrase, at, "P", cancellationToken);

    /// <summary><c>gpg --quick-add-key</c>. Returns the new subkey's fingerprint.</summary>
    public Task<string> AddSubkeyAsync(
        string primaryFingerprint,
        string algorithm = "default",
        string usage = "default",
        string expire = "never",
        string? passphrase = null,
        DateTimeOffset? at = null,
        CancellationToken cancellationToken = default)
        => QuickCreateAsync("--quick-add-key", primaryFingerprint, algorithm, usage, expire, passphrase, at, "S", cancellationToken);

    /// <summary>
    /// Revokes one subkey through the interactive key editor (gpg 2.2 has no quick command for that): selects the
    /// subkey by fingerprint, <c>revkey</c>, with reason 0 and no description.
    /// </summary>
    public Task RevokeSubkeyAsync(string primaryFingerprint, string subkeyFingerprint, string? passphrase = null, CancellationToken cancellationToken = default) =>
        RevokeSubkeyAsync(primaryFingerprint, subkeyFingerprint, 0, string.Empty, null, passphrase, cancellationToken);

    /// <summary>
    /// Revokes one subkey with an RFC 4880 reason code (0 none, 1 superseded, 2 compromised, 3 retired) and a
    /// one-line description, dated <paramref name="at"/> (gpg's --faked-system-time) when given.
    /// </summary>
    public async Task RevokeSubkeyAsync(
        string primaryFingerprint,
        string subkeyFingerprint,
        int reason,
        string description,
        DateTimeOffset? at,
        string? passphrase = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(description);
        var index = await SubkeyIndexAsync(primaryFingerprint, subkeyFingerprint, cancellationToken).ConfigureAwait(false);
        var descriptionLines = description.Length == 0 ? "\n" : description + "\n\n";

        // gpg's menu lists "compromised" before "superseded": menu entries 1 and 2 are codes 2 and 1.
        var menuChoice = reason switch { 1 => 2, 2 => 1, _ => reason };
        var commands = string.Create(CultureInfo.InvariantCulture, $"key {index}\nrevkey\ny\n{menuChoice}\n{descriptionLines}y\nsave\n");
        var result = await RunAsync(
            [.. PassphraseArguments(passphrase ?? string.Empty), .. FakedTime(at), "--command-fd", "0", "--edit-key", primaryFingerprint],
            Encoding.ASCII.GetBytes(commands),
            cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess("--edit-key revkey");
    }

    /// <summary>Sets a new expiry on subkeys (<c>--quick-set-expire FPR EXPIRE SUBFPR…</c>).</summary>
    public async Task SetSubkeyExpiryAsync(string primaryFingerprint, string expire, IEnumerable<string> subkeyFingerprints, string? passphrase = null, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(
            [.. PassphraseArguments(passphrase ?? string.Empty), "--quick-set-expire", primaryFingerprint, expire, .. subkeyFingerprints],
            null,
            cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess("--quick-set-expire");
    }

    public async Task<byte[]> ExportSecretKeyAsync(string fingerprint, string? passphrase = null, bool armor = true, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(
            [.. PassphraseArguments(passphrase ?? string.Empty), .. ArmorArguments(armor), "--export-secret-keys", fingerprint],
            null,
            cancellationToken).ConfigureAwait(false);
        return NonEmptyStdout(result.EnsureSuccess("--export-secret-keys"), "--export-secret-keys");
    }

    public async Task<byte[]> ExportPublicKeyAsync(string fingerprint, bool armor = true, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync([.. ArmorArguments(armor), "--export", fingerprint], null, cancellationToken).ConfigureAwait(false);
        return NonEmptyStdout(result.EnsureSuccess("--export"), "--export");
    }

    /// <summary>
    /// <c>gpg --detach-sign</c> with the key gpg chooses for <paramref name="keySpec"/> (append "!" to force one
    /// key). The SIG_CREATED status in the result names the key gpg actually used (last argument).
    /// </summary>
    public Task<GpgResult> SignDetachedAsync(
        string keySpec,
        byte[] data,
        string? passphrase = null,
        string? digestAlgorithm = null,
        bool armor = false,
        CancellationToken cancellationToken = default)
    {
        var digest = digestAlgorithm is null ? [] : new[] { "--digest-algo", digestAlgorithm };
        return RunAsync(
            [.. PassphraseArguments(passphrase ?? string.Empty), .. ArmorArguments(armor), .. digest, "--local-user", keySpec, "--detach-sign", "--output", "-", "-"],
            data,
            cancellationToken);
    }

    /// <summary><c>gpg --verify SIG -</c> with the data on stdin.</summary>
    public async Task<(GpgResult Result, GpgSignatureStatus Signature)> VerifyDetachedAsync(byte[] data, byte[] signature, CancellationToken cancellationToken = default)
    {
        var signatureFile = await WriteTempFileAsync("sig", signature, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await RunAsync(["--verify", signatureFile, "-"], data, cancellationToken).ConfigureAwait(false);
            return (result, GpgSignatureStatus.From(result));
        }
        finally
        {
            File.Delete(signatureFile);
        }
    }

    /// <summary><c>gpg --verify</c> of an inline or cleartext-signed message; <c>--output</c> gets the signed text.</summary>
    public async Task<(GpgResult Result, GpgSignatureStatus Signature)> VerifyInlineAsync(byte[] signedMessage, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["--output", "-", "--decrypt", "-"], signedMessage, cancellationToken).ConfigureAwait(false);
        return (result, GpgSignatureStatus.From(result));
    }

    /// <summary>Encrypts to one or more recipients (trust-model always, so fresh imports are usable).</summary>
    public async Task<byte[]> EncryptAsync(IEnumerable<string> recipients, byte[] data, bool armor = false, IEnumerable<string>? extraArguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var recipientArguments = recipients.SelectMany(r => new[] { "--recipient", r });
        var result = await RunAsync(
            [.. ArmorArguments(armor), "--trust-model", "always", .. recipientArguments, .. extraArguments ?? [], "--encrypt", "--output", "-", "-"],
            data,
            cancellationToken).ConfigureAwait(false);
        return NonEmptyStdout(result.EnsureSuccess("--encrypt"), "--encrypt");
    }

    public Task<byte[]> EncryptAsync(string recipient, byte[] data, bool armor = false, CancellationToken cancellationToken = default) =>
        EncryptAsync([recipient], data, armor, null, cancellationToken);

    /// <summary><c>gpg --decrypt</c>; with <c>--show-session-key</c> the SESSION_KEY status carries "ALGO:HEX".</summary>
    public Task<GpgResult> DecryptAsync(byte[] message, string? passphrase = null, bool showSessionKey = false, CancellationToken cancellationToken = default) =>
        RunAsync(
            [.. PassphraseArguments(passphrase ?? string.Empty), .. showSessionKey ? new[] { "--show-session-key" } : [], "--output", "-", "--decrypt", "-"],
            message,
            cancellationToken);

    /// <summary><c>gpg --with-colons --fixed-list-mode --with-fingerprint --with-fingerprint --list-(secret-)keys</c>.</summary>
    public async Task<IReadOnlyList<GpgColonRecord>> ListKeysAsync(bool secret = false, string? keySpec = null, CancellationToken cancellationToken = default)
    {
        string[] spec = keySpec is null ? [] : [keySpec];
        var result = await RunAsync(
            ["--with-colons", "--fixed-list-mode", "--with-fingerprint", "--with-fingerprint", secret ? "--list-secret-keys" : "--list-keys", .. spec],
            null,
            cancellationToken).ConfigureAwait(false);
        // An empty keyring makes gpg exit 2 with no output; that is an empty list, not an error.
        return GpgColonRecord.ParseAll(result.StdoutText);
    }

    /// <summary><c>gpg --list-packets</c> of arbitrary OpenPGP data (no keys needed).</summary>
    public async Task<string> ListPacketsAsync(byte[] data, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["--list-packets"], data, cancellationToken).ConfigureAwait(false);
        return result.StdoutText;
    }

    /// <summary>Writes bytes to a fresh file inside the home (for tools that want file arguments).</summary>
    public async Task<string> WriteTempFileAsync(string prefix, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = Path.Combine(Home, prefix + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        await File.WriteAllBytesAsync(path, content, cancellationToken).ConfigureAwait(false);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExternalProcess.RunAsync("gpgconf", ["--kill", "all"], null, _environment, TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Best effort: a stuck or missing gpgconf must not fail the test that used the oracle.
        }

        TemporaryDirectory.DeleteQuietly(Home);
    }

    private async Task<int> SubkeyIndexAsync(string primaryFingerprint, string subkeyFingerprint, CancellationToken cancellationToken)
    {
        var records = await ListKeysAsync(false, primaryFingerprint, cancellationToken).ConfigureAwait(false);
        var index = 0;
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Type != "sub")
            {
                continue;
            }

            index++;
            if (i + 1 < records.Count && records[i + 1].Type == "fpr"
                && string.Equals(records[i + 1].UserIdOrFingerprint, subkeyFingerprint, StringComparison.OrdinalIgnoreCase))
            {
                return index;
            }
        }

        throw new InvalidOperationException($"subkey {subkeyFingerprint} not found under {primaryFingerprint}");
    }

    /// <summary>Runs --quick-gen-key or --quick-add-key and returns the fingerprint of the key it created.</summary>
    private async Task<string> QuickCreateAsync(
        string command,
        string target,
        string algorithm,
        string usage,
        string expire,
        string? passphrase,
        DateTimeOffset? at,
        string createdKind,
        CancellationToken cancellationToken)
    {
        var result = await RunAsync(
            [.. PassphraseArguments(passphrase ?? string.Empty), .. FakedTime(at), command, target, algorithm, usage, expire],
            null,
            cancellationToken).ConfigureAwait(false);
        return CreatedFingerprint(result.EnsureSuccess(command), createdKind);
    }

    private static string[] PassphraseArguments(string? passphrase) =>
        passphrase is null ? [] : ["--passphrase", passphrase];

    /// <summary>gpg's --faked-system-time, frozen ("!"): makes keys and signatures dated in the past.</summary>
    private static string[] FakedTime(DateTimeOffset? at) =>
        at is { } time
            ? ["--faked-system-time", time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "!"]
            : [];

    private static string[] ArmorArguments(bool armor) => armor ? ["--armor"] : [];

    private static string CreatedFingerprint(GpgResult result, string kind)
    {
        // KEY_CREATED <type> <fingerprint> [<handle>], type P = primary, S = subkey, B = both.
        var created = result.StatusOf("KEY_CREATED").FirstOrDefault(s => s.Arguments[0] == kind || s.Arguments[0] == "B")
            ?? throw new InvalidOperationException($"gpg reported no KEY_CREATED: {result}");
        return created.Arguments[1];
    }

    private static byte[] NonEmptyStdout(GpgResult result, string what) =>
        result.Stdout.Length > 0 ? result.Stdout : throw new InvalidOperationException($"gpg {what} wrote nothing: {result}");
}
