using System.Text;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Tests;

/// <summary>keys/:name/certify and keys/:name/transition judged by gpg, and every lifecycle change in the transparency log.</summary>
public sealed class PathKeyCertifyTests : IAsyncLifetime
{
    private const string NewUserId = "New Release <release@example.org>";
    private readonly GpgOracle _gpg = GpgOracle.Create();
    private TestBackend _backend = null!;
    private string _oldFingerprint = "";

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.CreateAsync();
        _oldFingerprint = (await _backend.WriteAsync("keys/old", new { key_type = "ed25519", real_name = "Old Release", email = "old@example.org" })).Text("fingerprint");
    }

    public async Task DisposeAsync() => await _gpg.DisposeAsync();

    [GpgFact]
    public async Task Certify_GpgMadeKey_GpgCheckSigsShowsAGoodGenericCertification()
    {
        var newFingerprint = await _gpg.GenerateKeyAsync(NewUserId, "ed25519", "sign", "never", passphrase: "");
        var newPublic = Encoding.ASCII.GetString(await _gpg.ExportPublicKeyAsync(newFingerprint));

        var certified = await _backend.WriteAsync("keys/old/certify", new { public_key = newPublic, user_id = NewUserId });

        Assert.Equal(200, certified.Status(Operation.Update));
        Assert.Equal(newFingerprint.ToLowerInvariant(), certified.Text("fingerprint"));
        Assert.Equal("0x10", certified.Text("certification_type"));
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes((await _backend.ReadAsync("export-public/old")).Text("public_key")))).EnsureSuccess("import old");
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(certified.Text("public_key")))).EnsureSuccess("import certified");
        var check = await _gpg.RunAsync(["--with-colons", "--check-sigs", newFingerprint]);
        var sig = Assert.Single(GpgColonRecord.ParseAll(check.StdoutText), r => r.Type == "sig" && string.Equals(r.KeyId, _oldFingerprint[^16..], StringComparison.OrdinalIgnoreCase));
        Assert.Equal("!", sig.Validity);
        Assert.Equal("10x", sig.Field(11));
    }

    [GpgFact]
    public async Task Certify_UserIdNotOnTheKeyOrBadType_400NamingTheField()
    {
        var newFingerprint = await _gpg.GenerateKeyAsync(NewUserId, "ed25519", "sign", "never", passphrase: "");
        var newPublic = Encoding.ASCII.GetString(await _gpg.ExportPublicKeyAsync(newFingerprint));

        var wrongUserId = await _backend.WriteAsync("keys/old/certify", new { public_key = newPublic, user_id = "Mallory <m@example.org>" });
        var wrongType = await _backend.WriteAsync("keys/old/certify", new { public_key = newPublic, user_id = NewUserId, certification_type = "0x14" });
        var notAKey = await _backend.WriteAsync("keys/old/certify", new { public_key = "AAAA", user_id = NewUserId });

        Assert.StartsWith("user_id: the key ", wrongUserId.ErrorMessage, StringComparison.Ordinal);
        Assert.StartsWith("certification_type: unsupported type \"0x14\"", wrongType.ErrorMessage, StringComparison.Ordinal);
        Assert.StartsWith("public_key: ", notAKey.ErrorMessage, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task Transition_TwoKeysOnTheMount_GpgVerifyReportsTwoGoodSignaturesOverBothFingerprints()
    {
        var newFingerprint = (await _backend.WriteAsync("keys/new", new { key_type = "rsa", key_bits = 2048, real_name = "New Release" })).Text("fingerprint");

        var transition = await _backend.WriteAsync("keys/old/transition", new { new_key = "new", comment = "Please use the new key from 2027 on." });

        Assert.Equal(200, transition.Status(Operation.Update));
        var statement = transition.Text("statement");
        Assert.Contains("Old key: " + Grouped(_oldFingerprint), statement, StringComparison.Ordinal);
        Assert.Contains("New key: " + Grouped(newFingerprint), statement, StringComparison.Ordinal);
        Assert.Contains("Please use the new key from 2027 on.", statement, StringComparison.Ordinal);
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes((await _backend.ReadAsync("export-public/old")).Text("public_key")))).EnsureSuccess("import old");
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes((await _backend.ReadAsync("export-public/new")).Text("public_key")))).EnsureSuccess("import new");
        var verify = await _gpg.RunAsync(["--verify", "-"], Encoding.UTF8.GetBytes(statement));
        Assert.Equal(0, verify.ExitCode);
        Assert.Equal(2, verify.StatusOf("GOODSIG").Count());
        Assert.Equal(
            [_oldFingerprint.ToUpperInvariant(), newFingerprint.ToUpperInvariant()],
            verify.StatusOf("VALIDSIG").Select(s => s.Arguments[^1]));
    }

    [Fact]
    public async Task Transition_NewKeyMissingOrSame_400NamingNewKey()
    {
        var missing = await _backend.WriteAsync("keys/old/transition", new { new_key = "none" });
        var same = await _backend.WriteAsync("keys/old/transition", new { new_key = "old" });

        Assert.Equal("new_key: key not found: \"none\"", missing.ErrorMessage);
        Assert.Equal("new_key: must name another key than \"old\"", same.ErrorMessage);
    }

    [Fact]
    public async Task LifecycleChanges_WithTheLogOn_AreKeyEventsInOrder()
    {
        await _backend.WriteAsync("log/config", new { origin = "example.org/lifecycle" });
        var other = await _backend.WriteAsync("keys/new", new { key_type = "ed25519", real_name = "New Release", email = "release@example.org" });
        var otherPublic = (await _backend.ReadAsync("export-public/new")).Text("public_key");
        Assert.Equal(200, (await _backend.WriteAsync("keys/old/certify", new { public_key = otherPublic, user_id = NewUserId, certification_type = "positive" })).Status(Operation.Update));
        Assert.Equal(200, (await _backend.WriteAsync("keys/old/transition", new { new_key = "new" })).Status(Operation.Update));
        var subkey = (await _backend.ReadAsync("keys/new")).Data["subkeys"]![0]!["fingerprint"]!.GetValue<string>();
        Assert.Equal(200, (await _backend.WriteAsync("keys/new/revoke", new { subkey, reason = "retired" })).Status(Operation.Update));
        Assert.Equal(200, (await _backend.WriteAsync("keys/old/revoke", new { reason = "superseded" })).Status(Operation.Update));

        var dir = await LogReader.ExportAsync(_backend);
        try
        {
            var entries = EntryBundle.Decode(File.ReadAllBytes(Path.Combine(dir, "tile/entries/000.p/5"))).Select(Encoding.UTF8.GetString).ToList();
            Assert.Equal(["create", "certify", "transition", "revoke", "revoke"], entries.Select(e => e.Split('\n')[1]["event ".Length..]));
            Assert.Contains($"\nname old\nkey {_oldFingerprint}\n", entries[1], StringComparison.Ordinal);
            Assert.Contains($"\nsettings certified={other.Text("fingerprint")} type=0x13\n", entries[1], StringComparison.Ordinal);
            Assert.Contains($"\nsettings new={other.Text("fingerprint")}\n", entries[2], StringComparison.Ordinal);
            Assert.Contains($"\nsubkey {subkey}\nsettings reason=retired\n", entries[3], StringComparison.Ordinal);
            Assert.Contains("\nname old\n", entries[4], StringComparison.Ordinal);
            Assert.Contains("\nsettings reason=superseded\n", entries[4], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Grouped(string fingerprint)
    {
        var upper = fingerprint.ToUpperInvariant();
        var groups = Enumerable.Range(0, 10).Select(i => upper.Substring(i * 4, 4)).ToList();
        return string.Join(' ', groups.Take(5)) + "  " + string.Join(' ', groups.Skip(5));
    }
}
