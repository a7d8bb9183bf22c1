using VaultGpg.TestSupport;

namespace VaultGpg.Rpm.Tests;

/// <summary>
/// Packages built once per test run by rpmbuild (noarch and x86_64, 1 KiB to 2 MiB of payload, default reserved space,
/// 32 bytes of it, none), one already signed by rpmsign with another key; a gpg home with an RSA-2048, an Ed25519 and
/// that other RSA key, all unprotected so rpmsign can use them too.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    public const string RsaUid = "Rpm Rsa <rsa@example.test>";
    public const string EdUid = "Rpm Ed <ed@example.test>";
    public const string OtherUid = "Rpm Other <other@example.test>";

    public string Directory { get; } = TemporaryDirectory.CreateShort("vrp-");

    public GpgOracle Gpg { get; } = GpgOracle.Create(TimeSpan.FromSeconds(120));

    public string RsaFingerprint { get; private set; } = "";

    public string EdFingerprint { get; private set; } = "";

    public string OtherFingerprint { get; private set; } = "";

    /// <summary>Name → pristine package file; tests copy them before changing anything.</summary>
    public IReadOnlyDictionary<string, string> Packages { get; private set; } = new Dictionary<string, string>();

    public static string? SkipReason => RequiredTools.MissingReason(["rpmbuild", "rpmsign", "rpmkeys", "rpm"]);

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        RsaFingerprint = await Gpg.GenerateKeyAsync(RsaUid, "rsa2048", "sign");
        EdFingerprint = await Gpg.GenerateKeyAsync(EdUid, "ed25519", "sign");
        OtherFingerprint = await Gpg.GenerateKeyAsync(OtherUid, "rsa2048", "sign");
        var packages = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["small"] = await RpmBuild.BuildAsync(Directory, "vg-small", 1024),
            ["arch"] = await RpmBuild.BuildAsync(Directory, "vg-arch", 200 * 1024, noarch: false),
            ["large"] = await RpmBuild.BuildAsync(Directory, "vg-large", 2 * 1024 * 1024),
            ["little-reserve"] = await RpmBuild.BuildAsync(Directory, "vg-little", 4096, reservedSpace: 0),
            ["no-reserve"] = await RpmBuild.BuildAsync(Directory, "vg-none", 4096, reservedSpace: -32),
        };
        var signed = Path.Combine(Directory, "vg-signed-by-other.rpm");
        File.Copy(packages["small"], signed);
        var result = await RpmSignAsync(signed, OtherFingerprint);
        Assert.True(result.ExitCode == 0, $"rpmsign: {result}");
        packages["signed-by-other"] = signed;
        Packages = packages;
    }

    /// <summary>rpmsign 4.18 --addsign with the real gpg and this fixture's gpg home.</summary>
    public Task<ProcessResult> RpmSignAsync(string package, string fingerprint) =>
        ExternalProcess.RunAsync(
            "rpmsign",
            ["--addsign", "--define", "__gpg " + ExternalProcess.FindOnPath("gpg"), "--define", "_gpg_name " + fingerprint, package],
            null,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["GNUPGHOME"] = Gpg.Home },
            TimeSpan.FromSeconds(120));

    /// <summary>A copy of a fixture package in <paramref name="directory"/>.</summary>
    public string Copy(string name, string directory)
    {
        var copy = Path.Combine(directory, Path.GetFileName(Packages[name]));
        File.Copy(Packages[name], copy, overwrite: true);
        return copy;
    }

    public async Task DisposeAsync()
    {
        await Gpg.DisposeAsync();
        TemporaryDirectory.DeleteQuietly(Directory);
    }
}
