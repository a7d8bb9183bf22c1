using System.Text;
using VaultGpg.Cli.Transparency;
using VaultGpg.Cli.Vault;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.Cli.Signing;

/// <summary>
/// Signs a set of files: plans batches, prepares each file (inline or hash state), sends up to
/// <see cref="FileSignOptions.Jobs"/> batch requests at once and writes each signature atomically. A file that cannot
/// be read, or that Vault refuses, fails alone; the others are still signed. With <see cref="FileSignOptions.LogProof"/>
/// each signature's C2SP tlog-proof goes beside it (<see cref="ProofPath"/>); a mount whose log is off fails each file.
/// </summary>
internal sealed class FileSigner(GpgMountClient client, FileSignOptions options)
{
    public async Task<IReadOnlyList<FileSignOutcome>> SignAsync(IReadOnlyList<string> files, ISignProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var outcomes = new FileSignOutcome?[files.Count];
        var sizes = new long[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            sizes[i] = SizeOrMinusOne(files[i]);
        }

        var inline = sizes.Select(s => s >= 0 && s <= options.HashThreshold ? s : 0).ToArray();
        var batches = BatchPlanner.Plan(inline, options.Jobs, options.MaxBatchBytes, options.MaxBatchItems);
        await Parallel.ForEachAsync(
                batches,
                new ParallelOptions { MaxDegreeOfParallelism = options.Jobs, CancellationToken = cancellationToken },
                async (batch, ct) =>
                {
                    foreach (var outcome in await SignBatchAsync(files, sizes, batch, ct).ConfigureAwait(false))
                    {
                        outcomes[outcome.Index] = outcome.Outcome;
                        progress?.Completed(outcome.Outcome);
                    }
                })
            .ConfigureAwait(false);
        return outcomes!;
    }

    /// <summary>Where <paramref name="file"/>'s signature goes: FILE.sig/.asc, or the same name in the output directory.</summary>
    public string SignaturePath(string file)
    {
        var name = (options.OutputDirectory is null ? file : Path.Combine(options.OutputDirectory, Path.GetFileName(file)))
            + (options.Armor ? ".asc" : ".sig");
        return name;
    }

    /// <summary>Where the tlog-proof of <paramref name="file"/>'s signature goes: FILE.sig.tlog-proof or FILE.asc.tlog-proof.</summary>
    public string ProofPath(string file) => SignaturePath(file) + TlogProofFile.Extension;

    private async Task<IReadOnlyList<(int Index, FileSignOutcome Outcome)>> SignBatchAsync(
        IReadOnlyList<string> files, long[] sizes, IReadOnlyList<int> batch, CancellationToken cancellationToken)
    {
        var done = new List<(int, FileSignOutcome)>(batch.Count);
        var items = new List<SignBatchItem>(batch.Count);
        var sent = new List<int>(batch.Count);
        foreach (var index in batch)
        {
            try
            {
                items.Add(await PrepareAsync(files[index], index, sizes[index], cancellationToken).ConfigureAwait(false));
                sent.Add(index);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                done.Add((index, Failed(files[index], sizes[index], "cannot read: " + e.Message)));
            }
        }

        if (items.Count == 0)
        {
            return done;
        }

        IReadOnlyList<SignResult> results;
        try
        {
            var request = new SignRequest
            {
                BatchInput = items,
                Algorithm = DigestNames.ToVault(options.Hash),
                Format = "base64",
                LogProof = options.LogProof ? true : null,
            };
            results = await client.SignBatchAsync(options.Key, request, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultException e)
        {
            done.AddRange(sent.Select(index => (index, Failed(files[index], sizes[index], e.Message))));
            return done;
        }

        for (var i = 0; i < sent.Count; i++)
        {
            var index = sent[i];
            done.Add((index, await WriteSignatureAsync(files[index], sizes[index], results[i], cancellationToken).ConfigureAwait(false)));
        }

        return done;
    }

    private async Task<SignBatchItem> PrepareAsync(string file, int index, long size, CancellationToken cancellationToken)
    {
        var reference = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            // The stream's length, not the planned size: the file may have changed since it was listed.
            size = stream.Length;
            if (size > options.HashThreshold)
            {
                return new SignBatchItem(null, await InputPreparation.HashStateAsync(stream, options.Hash, cancellationToken).ConfigureAwait(false), reference);
            }

            var bytes = new byte[size];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return new SignBatchItem(Convert.ToBase64String(bytes), null, reference);
        }
    }

    private async Task<FileSignOutcome> WriteSignatureAsync(string file, long size, SignResult result, CancellationToken cancellationToken)
    {
        if (result.Error is not null || result.Signature is null)
        {
            return Failed(file, size, GateRefusal.Describe(result.Error) ?? "Vault refused: " + (result.Error ?? "no signature returned"));
        }

        byte[] packet;
        try
        {
            packet = Convert.FromBase64String(result.Signature);
        }
        catch (FormatException)
        {
            return Failed(file, size, "Vault returned a signature that is not base64");
        }

        byte[]? proof = null;
        if (options.LogProof)
        {
            if (TlogProofFile.FromAnswer(result) is not { } text)
            {
                return Failed(file, size, result.LogIndex is null ? TlogProofFile.LogOff : "Vault returned no valid log_proof");
            }

            proof = Encoding.UTF8.GetBytes(text);
        }

        var content = options.Armor ? Encoding.ASCII.GetBytes(Armor.Encode(packet, ArmorKind.Signature)) : packet;
        var target = SignaturePath(file);
        var error = await TryWriteAsync(target, content, cancellationToken).ConfigureAwait(false)
            ?? (proof is null ? null : await TryWriteAsync(ProofPath(file), proof, cancellationToken).ConfigureAwait(false));
        return error is null ? new FileSignOutcome(file, size, target, null) : Failed(file, size, error);
    }

    /// <summary>Writes <paramref name="path"/>; null when done, else the error to report.</summary>
    private static async Task<string?> TryWriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            await OutputFile.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write {path}: {e.Message}";
        }
    }

    private static FileSignOutcome Failed(string file, long size, string error) => new(file, Math.Max(size, 0), null, error);

    /// <summary>The size, or -1 when the file cannot be looked at (its read then fails with the real reason).</summary>
    private static long SizeOrMinusOne(string file)
    {
        try
        {
            var info = new FileInfo(file);
            return info.Exists ? info.Length : -1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
