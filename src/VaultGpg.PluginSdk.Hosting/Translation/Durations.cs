namespace VaultGpg.PluginSdk.Hosting.Translation;

/// <summary>Go time.Duration (int64 nanoseconds) on the wire, TimeSpan in the SDK.</summary>
internal static class Durations
{
    private const long NanosecondsPerTick = 100;

    public static TimeSpan FromNanoseconds(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / NanosecondsPerTick);

    public static long ToNanoseconds(TimeSpan duration)
    {
        // Saturate instead of overflowing: Go durations top out at about 292 years.
        if (duration.Ticks > long.MaxValue / NanosecondsPerTick)
        {
            return long.MaxValue;
        }

        return duration.Ticks < long.MinValue / NanosecondsPerTick ? long.MinValue : duration.Ticks * NanosecondsPerTick;
    }
}
