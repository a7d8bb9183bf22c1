using System.Text;

namespace VaultGpg.TestSupport;

/// <summary>
/// Rebuilders made with Debian's in-toto 1.3.1, the independent producer of the attestations the gate reads: keys from
/// <c>in-toto-keygen</c> (no passphrase), links from <c>in-toto-run</c> with <c>--key</c> or <c>--gpg</c> (an Ed25519
/// OpenPGP key in a temporary GNUPGHOME), all in one temporary directory that dispose deletes.
/// </summary>
public sealed class InTotoBuilders : IAsyncDisposable
{
    /// <summary>The programs this needs besides gpg.</summary>
    public static readonly IReadOnlyList<string> Tools = ["in-toto-keygen", "in-toto-run"];

    private readonly string _directory = TemporaryDirectory.CreateShort("it-");
    private GpgOracle? _gpg;
    private int _runs;

    /// <summary>Makes an in-toto key of <paramref name="type"/> (ed25519, rsa or ecdsa) and returns its public key file's
    /// text as in-toto-keygen wrote it.</summary>
    public async Task<string> KeygenAsync(string name, string type, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(_directory, name);
        await RunAsync("in-toto-keygen", ["-t", type, path], cancellationToken).ConfigureAwait(false);
        return await File.ReadAllTextAsync(path + ".pub", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The private key file of a key <see cref="KeygenAsync"/> made.</summary>
    public string KeyPath(string name) => Path.Combine(_directory, name);

    /// <summary>A DSSE envelope with <paramref name="statement"/> signed by securesystemslib (Debian's, as in-toto-run
    /// uses it) with the ed25519 key <paramref name="keyName"/>, over the PAE as the DSSE spec writes it (in Python, not
    /// with the code under test).</summary>
    public async Task<byte[]> DsseAsync(string keyName, string statement, CancellationToken cancellationToken = default)
    {
        const string Script = """
            import sys, json, base64
            from securesystemslib.interface import import_ed25519_privatekey_from_file
            from securesystemslib.keys import create_signature
            key = import_ed25519_privatekey_from_file(sys.argv[1])
            body = sys.stdin.buffer.read()
            t = b"application/vnd.in-toto+json"
            pae = b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body)
            sig = create_signature(key, pae)
            print(json.dumps({"payloadType": t.decode(), "payload": base64.b64encode(body).decode(), "signatures": [{"keyid": sig["keyid"], "sig": base64.b64encode(bytes.fromhex(sig["sig"])).decode()}]}))
            """;
        var result = await ExternalProcess.RunAsync("/usr/bin/python3", ["-c", Script, KeyPath(keyName)], Encoding.UTF8.GetBytes(statement), cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.Stdout : throw new InvalidOperationException($"securesystemslib could not sign: {result}");
    }

    /// <summary>Makes an OpenPGP (Ed25519) builder key in this object's GNUPGHOME; returns its fingerprint and armored
    /// public key.</summary>
    public async Task<(string Fingerprint, string PublicKey)> GpgKeygenAsync(string userId, CancellationToken cancellationToken = default)
    {
        _gpg ??= GpgOracle.Create();
        var fingerprint = await _gpg.GenerateKeyAsync(userId, "ed25519", "sign", cancellationToken: cancellationToken).ConfigureAwait(false);
        var publicKey = await _gpg.ExportPublicKeyAsync(fingerprint, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (fingerprint, Encoding.ASCII.GetString(publicKey));
    }

    /// <summary><c>in-toto-run -n rebuild -p NAME --key KEY --key-type TYPE -x</c> over <paramref name="artifact"/>;
    /// returns the link file's bytes.</summary>
    public Task<byte[]> LinkAsync(string keyName, string keyType, string artifactName, byte[] artifact, CancellationToken cancellationToken = default) =>
        LinkWithAsync(["--key", Path.Combine(_directory, keyName), "--key-type", keyType], artifactName, artifact, cancellationToken);

    /// <summary><c>in-toto-run -n rebuild -p NAME --gpg FINGERPRINT --gpg-home HOME -x</c>; returns the link's bytes.</summary>
    public Task<byte[]> GpgLinkAsync(string fingerprint, string artifactName, byte[] artifact, CancellationToken cancellationToken = default) =>
        LinkWithAsync(["--gpg", fingerprint, "--gpg-home", (_gpg ?? throw new InvalidOperationException("no gpg key made")).Home], artifactName, artifact, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_gpg is not null)
        {
            await _gpg.DisposeAsync().ConfigureAwait(false);
        }

        TemporaryDirectory.DeleteQuietly(_directory);
    }

    private async Task<byte[]> LinkWithAsync(IEnumerable<string> signWith, string artifactName, byte[] artifact, CancellationToken cancellationToken)
    {
        var run = Path.Combine(_directory, "run" + Interlocked.Increment(ref _runs));
        Directory.CreateDirectory(run);
        await File.WriteAllBytesAsync(Path.Combine(run, artifactName), artifact, cancellationToken).ConfigureAwait(false);
        await RunAsync(
                "in-toto-run",
                ["-n", "rebuild", "-p", artifactName, "--base-path", run, "-d", run, "-x", .. signWith],
                cancellationToken)
            .ConfigureAwait(false);
        var link = Directory.GetFiles(run, "rebuild.*.link").Single();
        return await File.ReadAllBytesAsync(link, cancellationToken).ConfigureAwait(false);
    }

    private static async Task RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var result = await ExternalProcess.RunAsync(program, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {result}");
        }
    }
}
