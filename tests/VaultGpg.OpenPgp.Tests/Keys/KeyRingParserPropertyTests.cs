namespace VaultGpg.OpenPgp.Tests.Keys;

public sealed class KeyRingParserPropertyTests(FuzzSamplesFixture samples) : IClassFixture<FuzzSamplesFixture>
{
    /// <summary>Fewer inputs than the other parsers: BouncyCastle parses (and checks) whole keys.</summary>
    [Fact]
    public void ParseSingle_RandomOrMutatedKeys_ReturnsRingOrRefuses() => samples.Check("keyring", 5_000);

    /// <summary>Import after parsing: loading, evaluating and re-encoding what the parser let through.</summary>
    [Fact]
    public void Import_RandomOrMutatedKeys_ImportsOrRefuses() => samples.Check("keyimport", 5_000);
}
