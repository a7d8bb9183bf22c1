using VaultGpg.Attestation;
using VaultGpg.Engine.Gate;
using VaultGpg.Engine.Log;
using VaultGpg.Engine.Paths;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Tests;

/// <summary>
/// The largest entry of each kind the engine can write, from the limits of what it accepts (an origin of
/// <see cref="PathLogConfig.MaxOriginLength"/> three-byte characters, key names, builder ids, v6 fingerprints, sha512
/// digests, the gate's threshold and builders, the expiry's key list, times up to year 9999), fits
/// <see cref="TransparencyLog.MaxEntryBytes"/>.
/// </summary>
public sealed class LogEntrySizeTests
{
    private static readonly string Origin = new('\u4e00', PathLogConfig.MaxOriginLength);
    private static readonly string Name = new('n', KeyFields.MaxNameLength);
    private static readonly string Fingerprint = new('f', 64);
    private static readonly string Sha256 = new('a', 64);
    private static readonly string Sha512 = "sha512:" + new string('b', 128);
    private static readonly string BuilderId = new('i', PathKeysPolicy.MaxBuilderIdLength);
    private static readonly string BuilderType = BuilderKey.Types.MaxBy(t => t.Length)!;
    private static readonly DateTimeOffset Latest = DateTimeOffset.MaxValue;
    private static readonly string Seconds = EntrySeconds(Latest);

    public static TheoryData<string, byte[]> Largest()
    {
        var data = new TheoryData<string, byte[]>
        {
            { "signature", SignatureEntry.For(Origin, Fingerprint, Fingerprint, "sha512", new byte[64], [1], SignatureEntry.Cleartext, Latest).ToBytes() },
            { "gate policy", GateEntry.ForPolicy(Origin, Name, Fingerprint, GatePolicy.MaxThreshold, GatePolicy.MaxBuilders, Sha256, Latest).ToBytes() },
            { "gate policy-builder", GateEntry.ForPolicyBuilder(Origin, Name, Sha256, BuilderId, BuilderType, Fingerprint, Latest).ToBytes() },
            { "gate policy-delete", GateEntry.ForPolicyDelete(Origin, Name, Fingerprint, Latest).ToBytes() },
            { "gate attestation", GateEntry.ForAttestation(Origin, Name, Sha256, BuilderId, Fingerprint, Sha512, Latest).ToBytes() },
            { "gate signature", GateEntry.ForSignature(Origin, long.MaxValue, Sha512, GatePolicy.MaxThreshold, Enumerable.Repeat(Sha256, GatePolicy.MaxThreshold), Latest).ToBytes() },
        };
        string[] settings =
        [
            "exportable=false deletion_allowed=false",
            $"expires={Seconds} keys={string.Join(',', Enumerable.Repeat(Fingerprint, PathKeyExpiry.MaxKeyIds))}",
            $"signs_from={Seconds} previous={Fingerprint} previous_expires={Seconds}",
            "reason=compromised",
            $"certified={Fingerprint} type=0x13",
            $"new={Fingerprint}",
        ];
        foreach (var setting in settings)
        {
            // Every key event with the longest event name, a subkey and the settings: larger than any the engine writes.
            data.Add("key " + setting[..setting.IndexOf('=', StringComparison.Ordinal)],
                KeyEventEntry.For(Origin, KeyEventEntry.SubkeyRemove, Name, Fingerprint, [1], Fingerprint, setting, Latest).ToBytes());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Largest))]
    public void LargestEntryOfEachKind_FitsTheLimit(string kind, byte[] entry)
    {
        Assert.True(PathLogConfig.IsValidOrigin(Origin));
        Assert.False(PathLogConfig.IsValidOrigin(Origin + "x"));
        Assert.True(entry.Length <= TransparencyLog.MaxEntryBytes, $"{kind}: {entry.Length} bytes, limit {TransparencyLog.MaxEntryBytes}");
    }

    [Fact]
    public void MaxEntryBytes_KeepsAFullBundleUnderConsulsEntryLimit()
    {
        // An entry bundle is 256 entries, each behind a two-byte length, in one storage entry; Consul takes 512 KiB.
        Assert.True(TileLayout.Width * (TransparencyLog.MaxEntryBytes + 2) <= (512 * 1024) - 8192);
    }

    [Fact]
    public async Task Append_EntryOverTheLimit_IsRefused()
    {
        var storage = new InMemoryStorage();
        var log = new TransparencyLog();
        Assert.Null(await log.ConfigureAsync(storage, new LogConfig { Origin = "example.com/size", Enabled = true }, CancellationToken.None));

        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(storage, [new byte[TransparencyLog.MaxEntryBytes + 1]], CancellationToken.None));
        Assert.Equal(0, (await log.AppendAsync(storage, [new byte[TransparencyLog.MaxEntryBytes]], CancellationToken.None)).FirstIndex);
    }

    private static string EntrySeconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
