using System.CommandLine;
using VaultGpg.Cli.Hosting;

namespace VaultGpg.Cli.Commands.Log;

/// <summary><c>vaultgpg log monitor|witness</c>: the mount's transparency log, followed and witnessed.</summary>
internal static class LogCommand
{
    public static Command Create(CliContext context) =>
        new("log", "Follow and witness the mount's transparency log.")
        {
            MonitorCommand.Create(context),
            WitnessCommand.Create(context),
        };
}
