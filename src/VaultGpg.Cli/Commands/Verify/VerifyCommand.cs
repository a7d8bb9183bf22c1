using System.CommandLine;
using System.Globalization;
using System.Text;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Signing;
using VaultGpg.Cli.Transparency;
using VaultGpg.Cli.Vault;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Commands.Verify;

/// <summary>
/// <c>vaultgpg verify --key K [--signature SIG] [--log-key VKEY] FILE...</c>: asks Vault (or checks locally with
/// <c>--key-file</c>) whether each file's detached signature (FILE.sig or FILE.asc unless named) is valid for the key,
/// and with <c>--log-key</c> or <c>--tlog-policy</c> whether its tlog-proof shows it in the mount's transparency log.
/// Exit 1 when any is not.
/// </summary>
internal sealed class VerifyCommand(CliContext context)
{
    /// <summary>Verification sends the data itself; beyond this, verifying locally with gpg is the better tool.</summary>
    internal const long MaxFileBytes = 16 * 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var key = CommonOptions.Key();
        var mount = CommonOptions.Mount();
        var signature = new Option<string?>("--signature", "-s") { Description = "The signature file (only with one FILE). Default: FILE.sig, else FILE.asc." };
        var keyFile = new Option<string?>("--key-file") { Description = "A public key file (binary or armored): verify with it here, without asking Vault." };
        var logKey = new Option<string?>("--log-key")
        {
            Description = "Also check each signature's transparency-log proof (SIG.tlog-proof) against a checkpoint signed by this log verifier key (the key string or a file holding it).",
        };
        var proof = new Option<string?>("--tlog-proof") { Description = "The tlog-proof file (only with one FILE). Default: SIG.tlog-proof." };
        var policy = new Option<string?>("--tlog-policy") { Description = "A C2SP tlog-policy file: the log keys and the witness quorum the proof's checkpoint must meet." };
        var files = new Argument<string[]>("FILE") { Description = "Signed files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("verify", "Verify detached signatures with a key in Vault, and their transparency-log proofs.")
        {
            key, mount, signature, keyFile, logKey, proof, policy, files,
        };
        command.SetAction((parse, ct) => CommandErrors.RunAsync(context.Console.Error, () =>
        {
            var options = new VerifyOptions
            {
                KeyFile = parse.GetValue(keyFile),
                Key = parse.GetValue(keyFile) is null ? CommonOptions.RequireKey(parse, key, context.Environment) : parse.GetValue(key),
                Mount = parse.GetValue(mount),
                Signature = parse.GetValue(signature),
                LogKey = parse.GetValue(logKey),
                Proof = parse.GetValue(proof),
                PolicyFile = parse.GetValue(policy),
            };
            return new VerifyCommand(context).RunAsync(options, parse.GetValue(files)!, ct);
        }));
        return command;
    }

    public async Task<int> RunAsync(VerifyOptions options, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(files);
        if ((options.Signature is not null || options.Proof is not null) && files.Count != 1)
        {
            throw new UsageException("--signature and --tlog-proof name the files of one signed file; give exactly one FILE");
        }

        if (options.Proof is not null && !options.ChecksLog)
        {
            throw new UsageException("--tlog-proof needs --log-key or --tlog-policy");
        }

        var logCheck = options.ChecksLog ? await LogCheckAsync(options, cancellationToken).ConfigureAwait(false) : null;
        var signatures = new List<(string File, string SignatureFile, byte[] Packet)>(files.Count);
        foreach (var file in files)
        {
            var signatureFile = options.Signature ?? DefaultSignature(file);
            signatures.Add((file, signatureFile, await ReadSignatureAsync(signatureFile, cancellationToken).ConfigureAwait(false)));
        }

        var (results, fingerprints) = options.KeyFile is { } keyFile
            ? await VerifyLocallyAsync(keyFile, signatures, cancellationToken).ConfigureAwait(false)
            : await VerifyInVaultAsync(options, signatures, logCheck is not null, cancellationToken).ConfigureAwait(false);

        var bad = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var (file, signatureFile, packet) = signatures[i];
            var (good, line) = results[i];
            var logProblem = good && logCheck is not null
                ? await CheckProofAsync(logCheck, new SignedFile(file, packet, fingerprints![0], fingerprints), options.Proof ?? signatureFile + TlogProofFile.Extension, cancellationToken).ConfigureAwait(false)
                : null;
            bad += good && logProblem is null ? 0 : 1;
            await context.Console.Out.WriteLineAsync($"{file}: {line}").ConfigureAwait(false);
            if (good && logCheck is not null)
            {
                await context.Console.Out.WriteLineAsync(logProblem is null ? $"{file}: in the transparency log" : $"{file}: BAD transparency-log proof: {logProblem}").ConfigureAwait(false);
            }
        }

        return bad == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>Vault verifies every signature in one batch; with a log check, the key's fingerprints are read too.</summary>
    private async Task<(IReadOnlyList<(bool Good, string Line)> Results, IReadOnlyList<string>? Fingerprints)> VerifyInVaultAsync(
        VerifyOptions options, List<(string File, string SignatureFile, byte[] Packet)> signatures, bool needFingerprints, CancellationToken cancellationToken)
    {
        var items = new List<VerifyBatchItem>(signatures.Count);
        for (var i = 0; i < signatures.Count; i++)
        {
            var file = signatures[i].File;
            if (new FileInfo(file).Length > MaxFileBytes)
            {
                throw new UsageException($"{file} is larger than {MaxFileBytes >> 20} MiB; verify it locally: vaultgpg export-public, then vaultgpg verify --key-file or gpg --verify");
            }

            var data = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            items.Add(new VerifyBatchItem(Convert.ToBase64String(data), Convert.ToBase64String(signatures[i].Packet), null, i.ToString(CultureInfo.InvariantCulture)));
        }

        var client = context.ConnectMount(options.Mount);
        var resolver = new KeyResolver(client);
        var request = new VerifyRequest { BatchInput = items, Format = "base64" };
        var results = await resolver.WithKeyAsync(options.Key!, name => client.VerifyBatchAsync(name, request, cancellationToken), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string>? fingerprints = null;
        if (needFingerprints)
        {
            var facts = await resolver.WithKeyAsync(options.Key!, name => client.ReadKeyAsync(name, cancellationToken), cancellationToken).ConfigureAwait(false);
            fingerprints = facts?.Fingerprint is { } primary
                ? [primary, .. (facts.Subkeys ?? []).Select(s => s.Fingerprint).OfType<string>()]
                : throw new UsageException($"key \"{options.Key}\" not found in the mount");
        }

        return ([.. results.Select(Describe)], fingerprints);
    }

    private static async Task<(IReadOnlyList<(bool Good, string Line)> Results, IReadOnlyList<string> Fingerprints)> VerifyLocallyAsync(
        string keyFile, List<(string File, string SignatureFile, byte[] Packet)> signatures, CancellationToken cancellationToken)
    {
        OpenPgpKey key;
        try
        {
            key = new KeyImporter().Import(await File.ReadAllBytesAsync(keyFile, cancellationToken).ConfigureAwait(false), new KeyImportOptions(AllowVerifyOnly: true));
        }
        catch (OpenPgpException e)
        {
            throw new UsageException($"--key-file {keyFile}: {e.Message}");
        }

        var results = new List<(bool, string)>(signatures.Count);
        foreach (var (file, _, packet) in signatures)
        {
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                var result = await SignatureVerifier.VerifyDetachedAsync(key, stream, packet, cancellationToken: cancellationToken).ConfigureAwait(false);
                results.Add(result.Valid
                    ? (true, $"good signature from key {result.KeyId} ({(result.Hash is { } hash ? DigestNames.ToVault(hash) : "?")}, made {result.CreatedAt:yyyy-MM-ddTHH:mm:ssZ})")
                    : (false, $"BAD signature: {result.Status}: {result.Reason}"));
            }
        }

        return (results, [key.Info.Fingerprint, .. key.Info.Subkeys.Select(s => s.Fingerprint)]);
    }

    private static (bool Good, string Line) Describe(VerifyResult result)
    {
        if (result is { Valid: true, Error: null })
        {
            return (true, $"good signature from key {result.KeyId} ({result.Hash}, made {result.CreatedAt})");
        }

        var why = result.Error ?? (result.Reason is null ? null : $"{result.Status}: {result.Reason}");
        return (false, $"BAD signature{(why is null ? "" : ": " + why)}");
    }

    /// <summary>The log keys from --log-key (a key string or a file holding one) or the policy's log lines, and the policy.</summary>
    private static async Task<LogProofCheck> LogCheckAsync(VerifyOptions options, CancellationToken cancellationToken)
    {
        TlogPolicy? policy = null;
        if (options.PolicyFile is { } policyFile)
        {
            try
            {
                policy = TlogPolicy.Parse(await File.ReadAllTextAsync(policyFile, cancellationToken).ConfigureAwait(false));
            }
            catch (FormatException e)
            {
                throw new UsageException($"--tlog-policy {policyFile}: {e.Message}");
            }
        }

        if (options.LogKey is not { } logKey)
        {
            return policy!.Logs.Count > 0
                ? new LogProofCheck(policy.Logs, policy)
                : throw new UsageException($"--tlog-policy {options.PolicyFile} has no log line: give the log's key with --log-key");
        }

        var text = File.Exists(logKey) ? (await File.ReadAllTextAsync(logKey, cancellationToken).ConfigureAwait(false)).Trim() : logKey;
        try
        {
            return Ed25519NoteVerifier.Parse(text) is Ed25519NoteVerifier verifier
                ? new LogProofCheck([verifier], policy)
                : throw new UsageException("--log-key is a witness key (type 0x04), not a log key (type 0x01)");
        }
        catch (FormatException e)
        {
            throw new UsageException($"--log-key is not a log verifier key (name+id+base64) nor a file holding one: {e.Message}");
        }
    }

    private static async Task<string?> CheckProofAsync(LogProofCheck check, SignedFile signed, string proofFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(proofFile))
        {
            return $"no proof: {proofFile} does not exist (sign with --log-proof, or name it with --tlog-proof)";
        }

        var text = await File.ReadAllTextAsync(proofFile, cancellationToken).ConfigureAwait(false);
        return await check.CheckAsync(signed, text, cancellationToken).ConfigureAwait(false);
    }

    private static string DefaultSignature(string file) =>
        File.Exists(file + ".sig") ? file + ".sig"
        : File.Exists(file + ".asc") ? file + ".asc"
        : throw new UsageException($"no signature for {file}: neither {file}.sig nor {file}.asc exists (use --signature)");

    /// <summary>Binary or armored, as gpg accepts both; Vault gets the binary packet.</summary>
    private static async Task<byte[]> ReadSignatureAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return bytes.AsSpan().StartsWith("-----BEGIN PGP"u8) ? Armor.Decode(Encoding.ASCII.GetString(bytes)) : bytes;
    }
}
