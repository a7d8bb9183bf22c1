namespace VaultGpg.Cli.Commands.RpmSign;

/// <summary>Where a native run spent its time: reading and hashing headers, waiting for Vault, writing packages (summed over batches).</summary>
internal sealed record RpmSignTimings(TimeSpan Read, TimeSpan Requests, TimeSpan Write, int RequestCount);
