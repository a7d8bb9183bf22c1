using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace VaultGpg.PluginSdk.Hosting.Logging;

/// <summary>Builds the process's Serilog pipeline: hclog JSON on stderr, framework chatter held back to warnings.</summary>
internal static class PluginLogging
{
    /// <summary>Categories whose information-level lines are noise for a Vault operator (gRPC "Error reading message" on
    /// every closed broker stream, Kestrel lifecycle lines), which Vault would otherwise show at INFO.</summary>
    private static readonly string[] QuietCategories = ["Grpc", "Microsoft"];

    public static Logger Create(string module, LogLevel minimumLevel, Stream stderr)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(ToSerilog(minimumLevel))
            .WriteTo.Sink(new StderrHclogSink(stderr, new HclogJsonFormatter(module)));
        foreach (var category in QuietCategories)
        {
            configuration.MinimumLevel.Override(category, LogEventLevel.Warning);
        }

        return configuration.CreateLogger();
    }

    private static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };
}
