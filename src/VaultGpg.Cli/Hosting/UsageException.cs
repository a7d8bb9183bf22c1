namespace VaultGpg.Cli.Hosting;

/// <summary>The command line asks for something we cannot do; nothing was written. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
