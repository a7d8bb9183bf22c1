using System.Text;
using Microsoft.Extensions.Time.Testing;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.Rpm.Tests;

/// <summary>
/// A release key whose expiry is extended (issue 11): rpm imports the new public key and accepts packages signed
/// before and after the extension. (rpm 4.18 does not look at key expiry when it checks a package, so what this
/// judges is that rpm takes the renewed key, with its new self-signatures, and the signatures of the renewed key.)
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ExpiryExtensionTests(PackageFixture fixture) : IAsyncLifetime
{
    private readonly string _before = TemporaryDirectory.CreateShort("vrb-");
    private readonly string _after = TemporaryDirectory.CreateShort("vra-");

    // An hour in the past, so that the signatures lie in rpm's real past.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TemporaryDirectory.DeleteQuietly(_before);
        TemporaryDirectory.DeleteQuietly(_after);
        return Task.CompletedTask;
    }

    [GpgTheory("rpmbuild", "rpmsign", "rpmkeys", "rpm")]
    [InlineData(KeyType.Rsa, RpmTags.RsaHeader, "RSA")]
    [InlineData(KeyType.Ed25519, RpmTags.DsaHeader, "EdDSA")]
    public async Task ExtendExpiry_NewKeyImported_PackagesSignedBeforeAndAfterCheckOk(KeyType type, int tag, string algorithm)
    {
        // Arrange: a key that expires after ten minutes signs one package, then expires.
        var old = new KeyGenerator(_time).Generate(new KeyGenerationOptions
        {
            Type = type,
            RsaBits = 2048,
            RealName = "Rpm Release",
            ExpiresAfter = TimeSpan.FromMinutes(10),
        });
        var signedBefore = fixture.Copy("small", _before);
        await SignAsync(old, tag, signedBefore);
        _time.Advance(TimeSpan.FromMinutes(20));

        // Act: two more years, then the next package.
        var renewed = new ExpiryEditor(_time).SetExpiry(old, primary: true, [], _time.GetUtcNow().AddDays(730));
        var signedAfter = fixture.Copy("small", _after);
        await SignAsync(renewed, tag, signedAfter);

        // Assert: rpm takes the new key and both packages.
        await using var keyring = RpmKeyring.Create();
        var imported = await keyring.ImportAsync(Encoding.ASCII.GetBytes(renewed.ExportPublicKeyArmored()));
        Assert.True(imported.ExitCode == 0, $"rpmkeys --import: {imported}");
        foreach (var package in new[] { signedBefore, signedAfter })
        {
            var check = await keyring.RunAsync(["--checksig", "-v", package]);
            var output = check.StdoutText + check.Stderr;
            Assert.True(check.ExitCode == 0, $"rpmkeys --checksig -v {package}: {check}\n{output}");
            Assert.Contains($"Header V4 {algorithm}/SHA256 Signature, key ID {renewed.Info.KeyId[^8..].ToLowerInvariant()}: OK", output, StringComparison.Ordinal);
        }
    }

    private async Task SignAsync(OpenPgpKey key, int tag, string path)
    {
        var package = await RpmPackageReader.ReadFileAsync(path, CancellationToken.None);
        var packet = new OpenPgpSigner(_time).SignDetached(key, package.MainHeaderBytes.Span, new SignOptions { Hash = HashAlgorithm.Sha256 });
        var rebuilt = RpmSignatureHeaderEditor.ReplaceSignatures(package, [RpmHeaderEntry.Binary(tag, packet)]);
        await RpmPackageWriter.WriteSignatureHeaderAsync(path, package, rebuilt.Bytes, CancellationToken.None);
    }
}
