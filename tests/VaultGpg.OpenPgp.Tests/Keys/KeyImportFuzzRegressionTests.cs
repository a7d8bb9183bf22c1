using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>
/// Inputs afl-fuzz found (build/fuzz.sh keyimport, 2026-11-30): gpg-made ed25519 secret keys with one signature
/// subpacket damaged. BouncyCastle parsed them and only threw when the import later re-encoded the key
/// (InvalidOperationException, a 500 from the engine) instead of refusing them as malformed.
/// </summary>
public sealed class KeyImportFuzzRegressionTests
{
    public static TheoryData<string, string> Findings() => new()
    {
        { "exportable-certification subpacket with value 22", "9458046b0cbec816092b06010401da470f010107401aadce394a67b3649ea40c1c5289340e309409b6409fcba8a268a86478615a570001009ca03dccdf3cfe48a757a7307b72fe1c62c711e8be613adec506955464d03296108cb42046757a7a2053656564203c6770672d10656540406578616d706c652e6f72673e889604131608003e16210471ccbd22ed44c51f08f11ca9006a415f39cde45505026b0cbec8021b03050901e13380050b090807df05150a09080b020416022101021e01021780000a0910006a415f39cde45535ad010111622093a0969dc2406ac0e9215f6b2742f1f1a906e2da3f632e38a7e8aa7fff0100e97619b5ba7de0e763d4d2ecb611fdc7de3bacae9a3a7e92d3299f24fed3fd01" },
        { "boolean subpacket four bytes long", "9458046b0cbec816092b06010401da470f010107401aadce394a67b3649ea40c1c5289340e309409b6409fcba8a268a86478615a570001009ca03dccdf3cfe48a757a7307b72fe1c62c711e8be613adec506955464d03296108cb42046757a7a2053656564203c6770672d10656540406578616d706c652e6f72673e889604131608003e16210471ccbd22ed54c51f08f11ca9006a415f39cde45505026b0cbec8021b03050400e13380050b0908070206150a09080b020416020301021e01021780000a0910006a415f39cde45535ad010111622093a0969dc2406ac0e9215f5c2742f1f1a906e2da3f632e38a7e8aa7fff0100e97619b5ba7de0e763d4d2ecb611fdc7de3bacae9a3a7e92d3299f24fed3fd01" },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void Import_DamagedSignatureSubpacket_RefusedAsMalformed(string finding, string hex)
    {
        var ex = Assert.Throws<OpenPgpException>(() => new KeyImporter().Import(Convert.FromHexString(hex), new KeyImportOptions(AllowVerifyOnly: true)));

        Assert.True(ex.Kind == OpenPgpErrorKind.MalformedInput, finding);
    }
}
