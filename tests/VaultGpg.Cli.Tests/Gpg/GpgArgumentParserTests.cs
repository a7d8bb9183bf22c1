using VaultGpg.Cli.Gpg;
using VaultGpg.Cli.Hosting;
using VaultGpg.OpenPgp;

namespace VaultGpg.Cli.Tests.Gpg;

public sealed class GpgArgumentParserTests
{
    [Fact]
    public void Parse_Rpmsign418CommandLine_DetachedBinaryToOutputFromStdin()
    {
        var invocation = GpgArgumentParser.Parse(
            ["--no-verbose", "--no-armor", "--no-secmem-warning", "--digest-algo=sha512", "-u", "release", "-sbo", "/tmp/pkg.rpm.sig", "--", "-"]);

        Assert.Equal(GpgAction.DetachSign, invocation.Action);
        Assert.False(invocation.Armor);
        Assert.Equal(["release"], invocation.Signers);
        Assert.Equal("/tmp/pkg.rpm.sig", invocation.Output);
        Assert.Equal(HashAlgorithm.Sha512, invocation.Digest);
        Assert.Equal(["-"], invocation.Files);
    }

    [Fact]
    public void Parse_GitCommandLine_ArmoredDetachedWithStatusFd()
    {
        var invocation = GpgArgumentParser.Parse(["--status-fd=2", "-bsau", "Release Bot <release@example.test>"]);

        Assert.Equal(GpgAction.DetachSign, invocation.Action);
        Assert.True(invocation.Armor);
        Assert.Equal(["Release Bot <release@example.test>"], invocation.Signers);
        Assert.Equal(2, invocation.StatusFd);
        Assert.Empty(invocation.Files);
    }

    [Theory]
    [InlineData("--batch --yes --local-user K --clearsign -o InRelease Release", "ClearSign", false, "InRelease")]
    [InlineData("--batch --yes -u K -abs -o Release.gpg Release", "DetachSign", true, "Release.gpg")]
    [InlineData("--default-key K --detach-sign --armor --output Release.gpg Release", "DetachSign", true, "Release.gpg")]
    [InlineData("-uK --clear-sign --digest-algo SHA256 --output=InRelease Release", "ClearSign", false, "InRelease")]
    [InlineData("--pinentry-mode loopback --homedir /x -u K -b -o Release.sig Release", "DetachSign", false, "Release.sig")]
    [InlineData("--local-user K --clearsign --list-options no-show-policy-urls --armor --textmode --output InRelease Release", "ClearSign", true, "InRelease")]
    [InlineData("--batch --yes --no-default-keyring -u K --armor --output Release.gpg --detach-sig Release", "DetachSign", true, "Release.gpg")]
    public void Parse_AptRepositoryCommandLines_Accepted(string commandLine, string action, bool armor, string output)
    {
        var invocation = GpgArgumentParser.Parse(commandLine.Split(' '));

        Assert.Equal(Enum.Parse<GpgAction>(action), invocation.Action);
        Assert.Equal(armor, invocation.Armor);
        Assert.Equal(["K"], invocation.Signers);
        Assert.Equal(output, invocation.Output);
        Assert.Equal(["Release"], invocation.Files);
    }

    [Theory]
    [InlineData("--frobnicate -bsau K", "--frobnicate")]
    [InlineData("-bsau K --encrypt", "--encrypt")]
    [InlineData("-bsxu K", "-x")]
    [InlineData("--symmetric -b", "--symmetric")]
    [InlineData("-b -r someone", "-r")]
    [InlineData("-b --no-tty=3", "--no-tty")]
    public void Parse_UnsupportedOption_RefusedNamingIt(string commandLine, string option)
    {
        var error = Assert.Throws<UsageException>(() => GpgArgumentParser.Parse(commandLine.Split(' ')));

        Assert.Contains("unsupported option " + option + ":", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--keyid-format=long --status-fd=1 --verify /tmp/sig -")]
    [InlineData("--list-keys")]
    [InlineData("--verify Release.gpg Release")]
    public void Parse_VerificationOrListing_PassedToRealGpg(string commandLine)
    {
        Assert.Equal(GpgAction.PassToRealGpg, GpgArgumentParser.Parse(commandLine.Split(' ')).Action);
    }

    [Fact]
    public void Parse_SignWithoutDetach_RefusedAsInlineMessage()
    {
        var error = Assert.Throws<UsageException>(() => GpgArgumentParser.Parse(["-s", "-u", "K", "file"]));

        Assert.Contains("inline signed message", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-b -u")]
    [InlineData("-b --output")]
    [InlineData("-b --status-fd=x")]
    [InlineData("-b --digest-algo SHA1")]
    [InlineData("-b --digest-algo MD5")]
    [InlineData("-u K")]
    [InlineData("-b -u K one two")]
    [InlineData("--clearsign -b -u K")]
    public void Parse_IncompleteOrConflicting_Refused(string commandLine)
    {
        Assert.Throws<UsageException>(() => GpgArgumentParser.Parse(commandLine.Split(' ')));
    }

    [Fact]
    public void Parse_DoubleDash_LaterDashesAreFiles()
    {
        var invocation = GpgArgumentParser.Parse(["-b", "-u", "K", "--", "--weird-file-name"]);

        Assert.Equal(["--weird-file-name"], invocation.Files);
    }

    [Fact]
    public void Parse_TextMode_Recorded()
    {
        Assert.True(GpgArgumentParser.Parse(["-bt", "-u", "K"]).TextMode);
        Assert.True(GpgArgumentParser.Parse(["--textmode", "-b", "-u", "K"]).TextMode);
    }

    [Fact]
    public void Parse_Version_Recognised()
    {
        Assert.Equal(GpgAction.Version, GpgArgumentParser.Parse(["--version"]).Action);
    }

    [Theory]
    [InlineData("-u A -u B -sb", new[] { "A", "B" })]
    [InlineData("-u B --local-user A -u B -sb", new[] { "B", "A" })]
    [InlineData("--default-key D -u A -b", new[] { "A" })]
    [InlineData("--default-key D --default-key E -b", new[] { "E" })]
    public void Parse_SeveralKeys_AllLocalUsersInOrderOnceElseTheDefaultKey(string commandLine, string[] signers)
    {
        Assert.Equal(signers, GpgArgumentParser.Parse(commandLine.Split(' ')).Signers);
    }

    [Theory]
    [InlineData("--pinentry-mode loopback --passphrase-fd 0 -u K -sb", 0)]
    [InlineData("--passphrase-fd=3 -u K -sb", 3)]
    [InlineData("--passphrase-file /run/pass -u K -sb", null)]
    [InlineData("--passphrase secret --batch -u K -sb", null)]
    public void Parse_PassphraseOptions_AcceptedAndOnlyTheDescriptorKept(string commandLine, int? fd)
    {
        var invocation = GpgArgumentParser.Parse(commandLine.Split(' '));

        Assert.Equal(fd, invocation.PassphraseFd);
        Assert.DoesNotContain("secret", invocation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PassphraseFdNotANumber_Refused()
    {
        Assert.Throws<UsageException>(() => GpgArgumentParser.Parse(["--passphrase-fd", "stdin", "-b"]));
    }
}
