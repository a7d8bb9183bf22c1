namespace VaultGpg.Cli.Vault;

/// <summary>The GPG secrets engine's paths under one mount, typed.</summary>
internal sealed class GpgMountClient(VaultClient vault, string mount)
{
    public string Mount { get; } = mount;

    public Uri Address => vault.Address;

    public Task<SignResult> SignAsync(string key, SignRequest request, CancellationToken cancellationToken) =>
        vault.WriteAsync(KeyPath("sign", key), request, CliJsonContext.Default.SignRequest, CliJsonContext.Default.VaultResponseSignResult, cancellationToken);

    /// <summary>A batch sign request; the results are in input order, each with its reference.</summary>
    public async Task<IReadOnlyList<SignResult>> SignBatchAsync(string key, SignRequest request, CancellationToken cancellationToken)
    {
        var data = await vault.WriteAsync(
            KeyPath("sign", key), request, CliJsonContext.Default.SignRequest, CliJsonContext.Default.VaultResponseBatchResponseSignResult, cancellationToken).ConfigureAwait(false);
        return CheckCount(data.BatchResults, request.BatchInput?.Count ?? 0, "sign");
    }

    public async Task<IReadOnlyList<VerifyResult>> VerifyBatchAsync(string key, VerifyRequest request, CancellationToken cancellationToken)
    {
        var data = await vault.WriteAsync(
            KeyPath("verify", key), request, CliJsonContext.Default.VerifyRequest, CliJsonContext.Default.VaultResponseBatchResponseVerifyResult, cancellationToken).ConfigureAwait(false);
        return CheckCount(data.BatchResults, request.BatchInput?.Count ?? 0, "verify");
    }

    public Task<VerifyResult> VerifyAsync(string key, VerifyRequest request, CancellationToken cancellationToken) =>
        vault.WriteAsync(KeyPath("verify", key), request, CliJsonContext.Default.VerifyRequest, CliJsonContext.Default.VaultResponseVerifyResult, cancellationToken);

    public async Task<PublicKeyExport> ExportPublicAsync(string key, CancellationToken cancellationToken) =>
        await vault.ReadAsync(KeyPath("export-public", key), CliJsonContext.Default.VaultResponsePublicKeyExport, cancellationToken).ConfigureAwait(false)
        ?? throw new VaultException(404, $"GET /v1/{KeyPath("export-public", key)}", [$"key not found: \"{key}\""]);

    /// <summary>The key's Web Key Directory entry for <paramref name="domain"/> (export-public with wkd_domain).</summary>
    public async Task<WkdExport> ExportWkdAsync(string key, string domain, CancellationToken cancellationToken) =>
        await vault.ReadAsync($"{KeyPath("export-public", key)}?wkd_domain={Uri.EscapeDataString(domain)}", CliJsonContext.Default.VaultResponseWkdExport, cancellationToken).ConfigureAwait(false)
        ?? throw new VaultException(404, $"GET /v1/{KeyPath("export-public", key)}", [$"key not found: \"{key}\""]);

    /// <summary>The key names in the mount; an empty mount (Vault answers 404) gives an empty list.</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(CancellationToken cancellationToken)
    {
        var data = await vault.ListAsync($"{Mount}/keys", CliJsonContext.Default.VaultResponseKeyList, cancellationToken).ConfigureAwait(false);
        return data?.Keys ?? [];
    }

    /// <summary>A key's facts, or null when there is no such key.</summary>
    public Task<KeyFacts?> ReadKeyAsync(string key, CancellationToken cancellationToken) =>
        vault.ReadAsync(KeyPath("keys", key), CliJsonContext.Default.VaultResponseKeyFacts, cancellationToken);

    /// <summary>Posts witness cosignatures to <c>log/cosignatures</c> (a token with update on that path).</summary>
    public Task<CosignedCheckpoint> AddCosignaturesAsync(string checkpoint, CancellationToken cancellationToken) =>
        vault.WriteAsync(
            $"{Mount}/log/cosignatures", new CosignaturesRequest(checkpoint), CliJsonContext.Default.CosignaturesRequest, CliJsonContext.Default.VaultResponseCosignedCheckpoint, cancellationToken);

    /// <summary>Posts one attestation to the key's build gate (<c>keys/:name/attest</c>).</summary>
    public Task<AttestResult> AttestAsync(string key, AttestRequest request, CancellationToken cancellationToken) =>
        vault.WriteAsync($"{KeyPath("keys", key)}/attest", request, CliJsonContext.Default.AttestRequest, CliJsonContext.Default.VaultResponseAttestResult, cancellationToken);

    private string KeyPath(string family, string key) => $"{Mount}/{family}/{Uri.EscapeDataString(key)}";

    private static IReadOnlyList<T> CheckCount<T>(IReadOnlyList<T>? results, int sent, string what) =>
        results is not null && results.Count == sent
            ? results
            : throw new VaultException($"Vault answered a batch {what} of {sent} items with {results?.Count ?? 0} results");
}
