using System.Text;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Signing;

public sealed class ArmorTests
{
    [GpgFact]
    public async Task Encode_AnyData_GpgDearmorGivesItBack()
    {
        await using var gpg = GpgOracle.Create();
        var data = new byte[1000];
        new Random(1).NextBytes(data);

        var armored = Armor.Encode(data, ArmorKind.Message);

        var result = (await gpg.RunAsync(["--dearmor", "--output", "-"], Encoding.ASCII.GetBytes(armored))).EnsureSuccess("--dearmor");
        Assert.Equal(data, result.Stdout);
    }

    [GpgFact]
    public async Task Decode_GpgArmor_GivesTheData()
    {
        await using var gpg = GpgOracle.Create();
        var data = new byte[777];
        new Random(2).NextBytes(data);
        var armored = (await gpg.RunAsync(["--enarmor", "--output", "-"], data)).EnsureSuccess("--enarmor").StdoutText;

        Assert.Equal(data, Armor.Decode(armored));
    }

    [Fact]
    public void Decode_WrongChecksum_ThrowsMalformedInputNamingTheChecksum()
    {
        var armored = Verification.MalformedInputs.WrongChecksum(Armor.Encode("payload"u8, ArmorKind.Signature));

        var ex = Assert.Throws<OpenPgpException>(() => Armor.Decode(armored));

        Assert.Equal(OpenPgpErrorKind.MalformedInput, ex.Kind);
        Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_CrlfAndHeaders_Accepted()
    {
        var armored = Armor.Encode("payload"u8, ArmorKind.Signature)
            .Replace("-----\n\n", "-----\nVersion: Test 1\nComment: x\n\n", StringComparison.Ordinal)
            .Replace("\n", "\r\n", StringComparison.Ordinal);

        Assert.Equal("payload"u8.ToArray(), Armor.Decode(armored));
    }
}
