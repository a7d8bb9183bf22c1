using System.Text;
using Microsoft.Extensions.Time.Testing;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Signing;

public sealed class HashStateSigningTests(GpgKeysFixture keys) : IClassFixture<GpgKeysFixture>
{
    private readonly OpenPgpSigner _signer = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero)));

    [GpgFact]
    public async Task SignHashState_StateOfOneGibibyteFile_GpgVerifiesAgainstTheFile()
    {
        // Arrange: a sparse 1 GiB file with a few bytes set, hashed the way a client would.
        var path = Path.Combine(keys.Gpg.Home, "big.iso");
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            file.SetLength(1L << 30);
            foreach (var offset in new[] { 0L, (1L << 29) + 3, (1L << 30) - 5 })
            {
                file.Position = offset;
                await file.WriteAsync(Encoding.ASCII.GetBytes("data"));
            }
        }

        var hash = ResumableHash.Create(HashAlgorithm.Sha256);
        await using (var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            await hash.AppendAsync(read);
        }

        var state = hash.ExportState();

        // Act
        var signature = _signer.SignHashState(keys["rsa"].Signer, state, null);

        // Assert
        var signaturePath = await keys.Gpg.WriteTempFileAsync("sig", signature);
        var result = await keys.Gpg.RunAsync(["--verify", signaturePath, path]);
        File.Delete(path);
        var status = GpgSignatureStatus.From(result);
        Assert.True(status.Good, result.ToString());
        Assert.Equal(0x00, status.SignatureClass);
        Assert.Equal(keys["rsa"].Fingerprint, status.Fingerprint);
    }

    [GpgTheory]
    [InlineData(HashAlgorithm.Sha224, "rsa", 0)]
    [InlineData(HashAlgorithm.Sha256, "ed25519", 63)]
    [InlineData(HashAlgorithm.Sha384, "p384", 129)]
    [InlineData(HashAlgorithm.Sha512, "p256", 1000)]
    public async Task SignHashState_EachAlgorithm_GpgVerifiesAgainstTheData(HashAlgorithm algorithm, string keyName, int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var hash = ResumableHash.Create(algorithm);
        hash.Append(data);

        var signature = _signer.SignHashState(keys[keyName].Signer, hash.ExportState(), new HashStateSignOptions { Armored = true });

        var (result, status) = await keys.Gpg.VerifyDetachedAsync(data, signature);
        Assert.True(status.Good, result.ToString());
        Assert.Equal((int)algorithm, status.HashAlgorithm);
    }

    [GpgFact]
    public void SignHashState_Ed25519_SameBytesAsSigningTheDataItself()
    {
        // Ed25519 is deterministic: equal output proves the resumed hash plus our trailer equals the direct path.
        var key = keys["ed25519"];
        var data = Encoding.UTF8.GetBytes("a small file\n");
        var hash = ResumableHash.Create(HashAlgorithm.Sha512);
        hash.Append(data);

        var fromState = _signer.SignHashState(key.Signer, hash.ExportState(), null);

        Assert.Equal(_signer.SignDetached(key.Signer, data, new SignOptions { Hash = HashAlgorithm.Sha512 }), fromState);
    }

    [GpgFact]
    public void SignHashState_TruncatedState_ThrowsMalformedInput()
    {
        var state = ResumableHash.Create(HashAlgorithm.Sha256).ExportState();

        var ex = Assert.Throws<OpenPgpException>(() => _signer.SignHashState(keys["rsa"].Signer, state.AsSpan(0, state.Length - 1), null));

        Assert.Equal(OpenPgpErrorKind.MalformedInput, ex.Kind);
    }
}
