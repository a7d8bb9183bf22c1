using System.Text;
using Microsoft.Extensions.Time.Testing;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Signing;

public sealed class DetachedSigningTests(GpgKeysFixture keys) : IClassFixture<GpgKeysFixture>
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("the package\nwith two lines\n");
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly OpenPgpSigner _signer = new(new FakeTimeProvider(Now));

    public static TheoryData<string, HashAlgorithm, bool> KeysHashesFormats()
    {
        var data = new TheoryData<string, HashAlgorithm, bool>();
        foreach (var (name, _, _) in GpgKeysFixture.Kinds)
        {
            foreach (var hash in new[] { HashAlgorithm.Sha224, HashAlgorithm.Sha256, HashAlgorithm.Sha384, HashAlgorithm.Sha512 })
            {
                if (!HashTooShort(name, hash))
                {
                    data.Add(name, hash, false);
                    data.Add(name, hash, true);
                }
            }
        }

        return data;
    }

    [GpgTheory]
    [MemberData(nameof(KeysHashesFormats))]
    public async Task SignDetached_EachKeyHashAndFormat_GpgVerifies(string keyName, HashAlgorithm hash, bool armored)
    {
        // Arrange
        var key = keys[keyName];

        // Act
        var signature = _signer.SignDetached(key.Signer, Payload, new SignOptions { Hash = hash, Armored = armored });

        // Assert
        var (result, status) = await keys.Gpg.VerifyDetachedAsync(Payload, signature);
        Assert.True(status.Good, result.ToString());
        Assert.Equal(key.Fingerprint, status.Fingerprint);
        Assert.Equal((int)hash, status.HashAlgorithm);
        Assert.Equal(0x00, status.SignatureClass);
        Assert.Equal(Now, status.CreationTime);
        Assert.Equal(armored, signature.AsSpan().StartsWith("-----BEGIN PGP SIGNATURE-----\n"u8));
    }

    [GpgTheory]
    [InlineData("ed25519", HashAlgorithm.Sha224)]
    [InlineData("p256", HashAlgorithm.Sha224)]
    [InlineData("p384", HashAlgorithm.Sha256)]
    [InlineData("p384", HashAlgorithm.Sha224)]
    public void SignDetached_HashShorterThanCurve_ThrowsInvalidInput(string keyName, HashAlgorithm hash)
    {
        var ex = Assert.Throws<OpenPgpException>(() => _signer.SignDetached(keys[keyName].Signer, Payload, new SignOptions { Hash = hash }));

        Assert.Equal(OpenPgpErrorKind.InvalidInput, ex.Kind);
    }

    [GpgTheory]
    [InlineData("rsa")]
    [InlineData("ed25519")]
    [InlineData("p256")]
    public async Task SignDetached_TamperedData_GpgReportsBadSignature(string keyName)
    {
        var signature = _signer.SignDetached(keys[keyName].Signer, Payload, null);
        var tampered = Payload.ToArray();
        tampered[3] ^= 0x01;

        var (result, status) = await keys.Gpg.VerifyDetachedAsync(tampered, signature);

        Assert.False(status.Valid);
        Assert.True(result.Has("BADSIG"), result.ToString());
    }

    [GpgFact]
    public async Task SignDetached_TextMode_GpgVerifiesCanonicalTextOnly()
    {
        // Arrange: trailing blanks stay significant in text mode; only line endings are canonicalised.
        var text = Encoding.UTF8.GetBytes("line one  \nline two\r\nlast");

        // Act
        var signature = _signer.SignDetached(keys["rsa"].Signer, text, new SignOptions { TextMode = true });

        // Assert
        var (_, same) = await keys.Gpg.VerifyDetachedAsync(text, signature);
        var (_, crlf) = await keys.Gpg.VerifyDetachedAsync(Encoding.UTF8.GetBytes("line one  \r\nline two\r\nlast"), signature);
        var (_, stripped) = await keys.Gpg.VerifyDetachedAsync(Encoding.UTF8.GetBytes("line one\nline two\nlast"), signature);
        Assert.True(same.Good);
        Assert.Equal(0x01, same.SignatureClass);
        Assert.True(crlf.Good);
        Assert.False(stripped.Good);
    }

    [GpgFact]
    public async Task SignDetachedAsync_StreamInChunks_GpgVerifies()
    {
        var data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).NextBytes(data);

        var signature = await _signer.SignDetachedAsync(keys["ed25519"].Signer, new MemoryStream(data), new SignOptions { Hash = HashAlgorithm.Sha512 });

        var (result, status) = await keys.Gpg.VerifyDetachedAsync(data, signature);
        Assert.True(status.Good, result.ToString());
    }

    [GpgFact]
    public async Task SignDetachedAsync_TextModeStream_MatchesSpanResult()
    {
        // A CR at the end of one chunk and LF at the start of the next must not become CR CR LF.
        var text = new byte[(1 << 20) + 100];
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = i % 100 == 99 ? (byte)'\n' : (byte)'x';
        }

        text[(1 << 20) - 1] = (byte)'\r';
        text[1 << 20] = (byte)'\n';
        var options = new SignOptions { TextMode = true };

        var fromStream = await _signer.SignDetachedAsync(keys["ed25519"].Signer, new MemoryStream(text), options);

        // Ed25519 is deterministic and the clock is fixed, so the same canonical text gives the same bytes.
        Assert.Equal(_signer.SignDetached(keys["ed25519"].Signer, text, options), fromStream);
        var (result, status) = await keys.Gpg.VerifyDetachedAsync(text, fromStream);
        Assert.True(status.Good, result.ToString());
    }

    [GpgFact]
    public void SignDetached_UndefinedHashValue_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _signer.SignDetached(keys["rsa"].Signer, Payload, new SignOptions { Hash = (HashAlgorithm)2 }));
    }

    [GpgFact]
    public void SignDetached_CreationTimeBefore1970_ThrowsInvalidInput()
    {
        var options = new SignOptions { CreationTime = new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero) };

        var ex = Assert.Throws<OpenPgpException>(() => _signer.SignDetached(keys["rsa"].Signer, Payload, options));

        Assert.Equal(OpenPgpErrorKind.InvalidInput, ex.Kind);
    }

    [GpgTheory]
    [InlineData("rsa")]
    [InlineData("p256")]
    [InlineData("ed25519")]
    public async Task SignDetached_ManyThreadsOneKey_EverySignatureVerifies(string keyName)
    {
        // Arrange: the pooled .NET RSA/ECDsa objects must never be shared between concurrent signers.
        var key = keys[keyName];
        var inputs = Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes($"document {i}")).ToArray();

        // Act
        var signatures = new byte[inputs.Length][];
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            signatures[i] = _signer.SignDetached(key.Signer, inputs[i], null));

        // Assert: BouncyCastle checks all of them (an independent implementation), gpg a sample.
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.True(BouncyCastleVerifies(key, inputs[i], signatures[i]), $"signature {i}");
        }

        foreach (var i in new[] { 0, 31, 63 })
        {
            var (_, status) = await keys.Gpg.VerifyDetachedAsync(inputs[i], signatures[i]);
            Assert.True(status.Good);
        }
    }

    internal static bool HashTooShort(string keyName, HashAlgorithm hash) => (keyName, hash) switch
    {
        ("ed25519", HashAlgorithm.Sha224) => true,
        ("p256", HashAlgorithm.Sha224) => true,
        ("p384", HashAlgorithm.Sha224 or HashAlgorithm.Sha256) => true,
        _ => false,
    };

    private static bool BouncyCastleVerifies(TestKey key, byte[] data, byte[] signature)
    {
        var list = (Org.BouncyCastle.Bcpg.OpenPgp.PgpSignatureList)new Org.BouncyCastle.Bcpg.OpenPgp.PgpObjectFactory(signature).NextPgpObject();
        var parsed = list[0];
        parsed.InitVerify(key.PublicRing.GetPublicKey());
        parsed.Update(data);
        return parsed.Verify();
    }
}
