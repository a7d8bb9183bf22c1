using ProtoLeaseOptions = VaultGpg.PluginSdk.Hosting.Proto.Pb.LeaseOptions;
using ProtoSecret = VaultGpg.PluginSdk.Hosting.Proto.Pb.Secret;
using SdkLeaseOptions = VaultGpg.PluginSdk.Logical.LeaseOptions;
using SdkSecret = VaultGpg.PluginSdk.Logical.Secret;

namespace VaultGpg.PluginSdk.Hosting.Translation;

/// <summary>pb.Secret and pb.LeaseOptions in both directions (renew/revoke requests carry the stored secret).</summary>
internal static class SecretTranslator
{
    public static SdkSecret FromProto(ProtoSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var lease = secret.LeaseOptions;
        return new SdkSecret
        {
            LeaseId = secret.LeaseId,
            InternalData = JsonText.ParseObject(secret.InternalData),
            LeaseOptions = lease is null ? new SdkLeaseOptions() : new SdkLeaseOptions
            {
                Ttl = Durations.FromNanoseconds(lease.TTL),
                MaxTtl = Durations.FromNanoseconds(lease.MaxTTL),
                Renewable = lease.Renewable,
                Increment = Durations.FromNanoseconds(lease.Increment),
                IssueTime = Timestamps.FromProto(lease.IssueTime),
            },
        };
    }

    /// <summary>Always sends lease options with issue_time set: Vault fails on a nil timestamp.</summary>
    public static ProtoSecret ToProto(SdkSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var lease = secret.LeaseOptions ?? new SdkLeaseOptions();
        return new ProtoSecret
        {
            InternalData = JsonText.Write(secret.InternalData),
            LeaseOptions = new ProtoLeaseOptions
            {
                TTL = Durations.ToNanoseconds(lease.Ttl),
                MaxTTL = Durations.ToNanoseconds(lease.MaxTtl),
                Renewable = lease.Renewable,
                Increment = Durations.ToNanoseconds(lease.Increment),
                IssueTime = Timestamps.ToProto(lease.IssueTime),
            },
        };
    }
}
