using VaultGpg.TestSupport;

namespace VaultGpg.Rpm.Tests;

/// <summary>
/// What a native signer does, with the real gpg making the OpenPGP packet (the library has no OpenPGP): read the
/// package, have gpg sign the main header's bytes as rpmsign asks it to, rebuild the signature header, write it.
/// </summary>
internal static class GpgHeaderSigner
{
    public static async Task<RpmWriteMode> SignAsync(GpgOracle gpg, string fingerprint, int tag, string path)
    {
        var package = await RpmPackageReader.ReadFileAsync(path, CancellationToken.None);
        var packet = await SignHeaderAsync(gpg, fingerprint, package);
        var rebuilt = RpmSignatureHeaderEditor.ReplaceSignatures(package, [RpmHeaderEntry.Binary(tag, packet)]);
        return await RpmPackageWriter.WriteSignatureHeaderAsync(path, package, rebuilt.Bytes, CancellationToken.None);
    }

    public static async Task<byte[]> SignHeaderAsync(GpgOracle gpg, string fingerprint, RpmPackage package)
    {
        var signed = await gpg.SignDetachedAsync(fingerprint + "!", package.MainHeaderBytes.ToArray(), digestAlgorithm: "SHA256");
        signed.EnsureSuccess("--detach-sign");
        return signed.Stdout;
    }
}
