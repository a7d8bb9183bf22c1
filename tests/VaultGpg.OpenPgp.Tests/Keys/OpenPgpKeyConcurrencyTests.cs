using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>One loaded key is shared by all request threads: reading and exporting it must not interfere.</summary>
public sealed class OpenPgpKeyConcurrencyTests
{
    [Fact]
    public async Task SharedKey_ExportedFromManyThreadsAtOnce_EveryResultIdentical()
    {
        // Arrange
        var key = new KeyGenerator().Generate(new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = "Shared" });
        var expectedPublic = key.ExportPublicKeyArmored();
        var expectedStored = key.ToStoredForm();
        using var start = new Barrier(8);

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            var outcomes = new List<bool>();
            for (var i = 0; i < 50; i++)
            {
                outcomes.Add(key.ExportPublicKeyArmored() == expectedPublic);
                outcomes.Add(key.ToStoredForm().AsSpan().SequenceEqual(expectedStored));
                outcomes.Add(OpenPgpKey.FromStoredForm(expectedStored).Info.Fingerprint == key.Info.Fingerprint);
            }

            return outcomes.All(o => o);
        })));

        // Assert
        Assert.All(results, Assert.True);
    }

    [Fact]
    public void FromStoredForm_TrustedRsaScope_RestoresBouncyCastleThreadSetting()
    {
        // Arrange
        var stored = new KeyGenerator().Generate(new KeyGenerationOptions { Type = KeyType.Rsa, RsaBits = 2048, RealName = "Scoped" }).ToStoredForm();
        var name = Org.BouncyCastle.Utilities.Properties.RsaMaxMRTests;

        // Act
        OpenPgpKey.FromStoredForm(stored);

        // Assert
        Assert.Null(Org.BouncyCastle.Utilities.Properties.GetThreadProperty(name));
    }
}
