using System.Text;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>Getting a key of the engine into the gpg oracle, through the public export path as a user would.</summary>
internal static class GpgChecks
{
    /// <summary>Imports the public key of <paramref name="keyName"/> from export-public/ into gpg; returns its fingerprint
    /// in upper case as gpg prints it (the engine answers lower case, as the Go plugin does).</summary>
    public static async Task<string> ImportPublicKeyAsync(GpgOracle gpg, EngineApi api, string keyName)
    {
        var exported = await api.GetAsync($"export-public/{keyName}");
        if (exported.Status != 200)
        {
            throw new InvalidOperationException($"export-public/{keyName} failed: {exported}");
        }

        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(exported.String("public_key")))).EnsureSuccess("--import");
        return exported.String("fingerprint").ToUpperInvariant();
    }
}
