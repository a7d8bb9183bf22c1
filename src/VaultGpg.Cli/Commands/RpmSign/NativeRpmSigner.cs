using System.Diagnostics;
using System.Globalization;
using VaultGpg.Cli.Signing;
using VaultGpg.Cli.Vault;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.Rpm;

namespace VaultGpg.Cli.Commands.RpmSign;

/// <summary>
/// Signs a package set without rpm or gpg: reads each package's lead and headers (never the payload), hashes each
/// main header locally and sends the SHA-2 states (or, with <see cref="RpmSignSettings.SendHeaders"/>, the headers)
/// in one batch request per 5000 packages, then rebuilds each signature header with the returned packet and writes
/// it (in place when the reserved space absorbs it). A package that cannot be read, that Vault refuses or that cannot
/// be written fails alone, named; the rest are signed. rpmsign 4.18's re-sign rule holds: a package that already has
/// a signature by the same key with the same hash and algorithm is left as it is; any other signatures are replaced.
/// </summary>
internal sealed class NativeRpmSigner(GpgMountClient client, RpmSignSettings settings)
{
    private const int ReadParallelism = 8;
    private long _requestTicks;
    private long _writeTicks;
    private int _requests;

    public RpmSignTimings Timings { get; private set; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0);

    public async Task<IReadOnlyList<FileSignOutcome>> SignAsync(IReadOnlyList<string> packages, ISignProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packages);
        var outcomes = new FileSignOutcome?[packages.Count];
        void Complete(int index, FileSignOutcome outcome)
        {
            outcomes[index] = outcome;
            progress?.Completed(outcome);
        }

        var started = Stopwatch.GetTimestamp();
        var read = new RpmPackage?[packages.Count];
        var items = new SignBatchItem?[packages.Count];
        await Parallel.ForEachAsync(
                Enumerable.Range(0, packages.Count),
                new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    try
                    {
                        var package = await RpmPackageReader.ReadFileAsync(packages[i], ct).ConfigureAwait(false);
                        if (Unsignable(package) is { } reason)
                        {
                            Complete(i, Failed(packages[i], package.FileLength, reason));
                            return;
                        }

                        read[i] = package;
                        items[i] = Prepare(package, i);
                    }
                    catch (RpmPackageException e)
                    {
                        Complete(i, Failed(packages[i], 0, e.Message));
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        Complete(i, Failed(packages[i], 0, "cannot read: " + e.Message));
                    }
                })
            .ConfigureAwait(false);
        var readTime = Stopwatch.GetElapsedTime(started);

        await Parallel.ForEachAsync(
                Batches(items),
                new ParallelOptions { MaxDegreeOfParallelism = settings.Jobs, CancellationToken = cancellationToken },
                async (batch, ct) =>
                {
                    foreach (var (index, outcome) in await SignBatchAsync(packages, read, items, batch, ct).ConfigureAwait(false))
                    {
                        Complete(index, outcome);
                    }
                })
            .ConfigureAwait(false);
        Timings = new RpmSignTimings(readTime, TimeSpan.FromTicks(_requestTicks), TimeSpan.FromTicks(_writeTicks), _requests);
        return outcomes!;
    }

    /// <summary>Why the native path cannot sign a package it read, or null.</summary>
    private static string? Unsignable(RpmPackage package)
    {
        if (package.Format == RpmFormat.V6)
        {
            return "rpm v6 package: the native signer writes v4 packages' signatures; sign it with rpm 6's rpmsign";
        }

        return package.MainHeader.Find(RpmTags.PayloadDigest) is null && package.MainHeader.Find(RpmTags.PayloadDigestAlt) is null
            ? "built by rpm older than 4.14 (no payload digest): it needs a header+payload signature; use --via-rpmsign"
            : null;
    }

    private SignBatchItem Prepare(RpmPackage package, int index)
    {
        var reference = index.ToString(CultureInfo.InvariantCulture);
        if (settings.SendHeaders)
        {
            return new SignBatchItem(Convert.ToBase64String(package.MainHeaderBytes.Span), null, reference);
        }

        var hash = ResumableHash.Create(settings.Hash);
        hash.Append(package.MainHeaderBytes.Span);
        return new SignBatchItem(null, Convert.ToBase64String(hash.ExportState()), reference);
    }

    /// <summary>The prepared packages in order, cut at the engine's item limit and the request byte limit.</summary>
    private List<List<int>> Batches(SignBatchItem?[] items)
    {
        var batches = new List<List<int>>();
        var current = new List<int>();
        long bytes = 0;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not { } item)
            {
                continue;
            }

            var size = item.Input?.Length ?? 0;
            if (current.Count > 0 && (current.Count >= settings.MaxBatchItems || bytes + size > settings.MaxBatchBytes))
            {
                batches.Add(current);
                current = [];
                bytes = 0;
            }

            current.Add(i);
            bytes += size;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }

    private async Task<IReadOnlyList<(int Index, FileSignOutcome Outcome)>> SignBatchAsync(
        IReadOnlyList<string> packages, RpmPackage?[] read, SignBatchItem?[] items, List<int> batch, CancellationToken cancellationToken)
    {
        var requested = Stopwatch.GetTimestamp();
        IReadOnlyList<SignResult> results;
        try
        {
            var request = new SignRequest { BatchInput = [.. batch.Select(i => items[i]!)], Algorithm = DigestNames.ToVault(settings.Hash), Format = "base64" };
            results = await client.SignBatchAsync(settings.Key, request, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultException e)
        {
            return [.. batch.Select(i => (i, Failed(packages[i], read[i]!.FileLength, e.Message)))];
        }
        finally
        {
            Interlocked.Add(ref _requestTicks, Stopwatch.GetElapsedTime(requested).Ticks);
            Interlocked.Increment(ref _requests);
        }

        var writing = Stopwatch.GetTimestamp();
        var outcomes = new (int, FileSignOutcome)[batch.Count];
        await Parallel.ForEachAsync(
                Enumerable.Range(0, batch.Count),
                new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
                async (k, ct) =>
                {
                    var index = batch[k];
                    outcomes[k] = (index, await WriteAsync(packages[index], read[index]!, results[k], ct).ConfigureAwait(false));
                })
            .ConfigureAwait(false);
        Interlocked.Add(ref _writeTicks, Stopwatch.GetElapsedTime(writing).Ticks);
        return outcomes;
    }

    private async Task<FileSignOutcome> WriteAsync(string path, RpmPackage package, SignResult result, CancellationToken cancellationToken)
    {
        if (result.Error is not null || result.Signature is null)
        {
            return Failed(path, package.FileLength, "Vault refused: " + (result.Error ?? "no signature returned"));
        }

        byte[] packet;
        SignatureInfo facts;
        try
        {
            packet = Convert.FromBase64String(result.Signature);
            facts = ReadOne(packet);
        }
        catch (Exception e) when (e is FormatException or OpenPgpException)
        {
            return Failed(path, package.FileLength, "Vault returned an unusable signature: " + e.Message);
        }

        var (entries, error) = RpmSignatureKind.EntriesFor(packet, facts, settings.RpmV6);
        if (error is not null)
        {
            return Failed(path, package.FileLength, error);
        }

        if (AlreadySigned(package, entries, facts))
        {
            return new FileSignOutcome(path, package.FileLength, path, null);
        }

        try
        {
            var rebuilt = RpmSignatureHeaderEditor.ReplaceSignatures(package, entries);
            await RpmPackageWriter.WriteSignatureHeaderAsync(path, package, rebuilt.Bytes, cancellationToken).ConfigureAwait(false);
            return new FileSignOutcome(path, package.FileLength, path, null);
        }
        catch (RpmPackageException e)
        {
            return Failed(path, package.FileLength, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(path, package.FileLength, "cannot write: " + e.Message);
        }
    }

    /// <summary>The one signature packet of an RPM signature tag (rpm stores exactly one).</summary>
    private static SignatureInfo ReadOne(byte[] packet) =>
        SignatureReader.ReadDetached(packet) is [var one]
            ? one
            : throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "not exactly one signature packet");

    /// <summary>The issuer key ID as rpm reads it: subpacket 16, else the end of a v4 issuer fingerprint (33).</summary>
    private static string? KeyIdOf(SignatureInfo signature) =>
        signature.IssuerKeyId ?? signature.IssuerFingerprint?[^16..];

    /// <summary>
    /// rpmsign 4.18's haveSignature: every tag to be written already holds a signature by the same key ID with the
    /// same hash and public-key algorithm (pgpDigParamsCmp), so the package is left unchanged.
    /// </summary>
    private static bool AlreadySigned(RpmPackage package, IReadOnlyList<RpmHeaderEntry> entries, SignatureInfo facts) =>
        entries.All(entry => ExistingPackets(package, entry.Tag).Any(old =>
        {
            try
            {
                var previous = ReadOne(old);
                return KeyIdOf(previous) is { } keyId && keyId == KeyIdOf(facts)
                    && previous.HashAlgorithm == facts.HashAlgorithm && previous.PublicKeyAlgorithm == facts.PublicKeyAlgorithm;
            }
            catch (OpenPgpException)
            {
                return false;
            }
        }));

    private static IEnumerable<byte[]> ExistingPackets(RpmPackage package, int tag)
    {
        if (package.SignatureHeader.Find(tag) is not { } entry)
        {
            return [];
        }

        return tag == RpmTags.OpenPgp
            ? entry.StringValues.Select(Decode)
            : [entry.Data.ToArray()];

        static byte[] Decode(string base64)
        {
            try
            {
                return Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                return [];
            }
        }
    }

    private static FileSignOutcome Failed(string path, long size, string error) => new(path, size, null, error);
}
