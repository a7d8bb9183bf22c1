using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VaultGpg.Cli.Hosting;

namespace VaultGpg.Cli.Vault;

/// <summary>
/// The roots named by VAULT_CACERT or VAULT_CAPATH, read as the vault CLI reads them (go-rootcerts): VAULT_CACERT
/// wins when both are set, and a source that yields no PEM certificate is an error, never a silent fall back to the
/// system store.
/// </summary>
internal static class VaultCaRoots
{
    /// <summary>The configured roots, or null when neither variable is set (then the system store decides).</summary>
    public static X509Certificate2Collection? Load(VaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.CaCertFile is not null)
        {
            var roots = new X509Certificate2Collection();
            ImportFile(roots, "VAULT_CACERT", settings.CaCertFile);
            return roots;
        }

        if (settings.CaPath is not null)
        {
            return LoadDirectory(settings.CaPath);
        }

        return null;
    }

    /// <summary>Every file under the directory must hold a PEM certificate, as go-rootcerts' LoadCAPath demands.</summary>
    private static X509Certificate2Collection LoadDirectory(string directory)
    {
        var roots = new X509Certificate2Collection();
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"VAULT_CAPATH \"{directory}\" cannot be read: {e.Message}");
        }

        foreach (var file in files)
        {
            ImportFile(roots, "VAULT_CAPATH", file);
        }

        return roots.Count > 0
            ? roots
            : throw new UsageException($"VAULT_CAPATH \"{directory}\" holds no PEM certificate");
    }

    private static void ImportFile(X509Certificate2Collection roots, string variable, string file)
    {
        var before = roots.Count;
        try
        {
            roots.ImportFromPem(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{variable}: cannot read \"{file}\": {e.Message}");
        }
        catch (CryptographicException e)
        {
            throw new UsageException($"{variable}: \"{file}\" holds a PEM certificate that does not parse: {e.Message}");
        }

        if (roots.Count == before)
        {
            throw new UsageException($"{variable}: \"{file}\" holds no PEM certificate");
        }
    }
}
