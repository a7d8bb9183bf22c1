using Google.Protobuf.WellKnownTypes;

namespace VaultGpg.PluginSdk.Hosting.Translation;

/// <summary>
/// google.protobuf.Timestamp on the wire, DateTimeOffset in the SDK. Vault fails on a nil Timestamp wherever lease
/// options or wrap info are sent, so outgoing times are always set; an unset SDK time (default) becomes Go's zero time
/// (0001-01-01T00:00:00Z, seconds -62135596800), which is what a Go plugin sends.
/// </summary>
internal static class Timestamps
{
    public static Timestamp ToProto(DateTimeOffset value) =>
        Timestamp.FromDateTimeOffset(value == default ? DateTimeOffset.MinValue : value);

    public static DateTimeOffset FromProto(Timestamp? value)
    {
        if (value is null)
        {
            return default;
        }

        try
        {
            return value.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            // Outside .NET's range (Go allows earlier years): treat as unset.
            return default;
        }
    }
}
