namespace VaultGpg.Cli.Commands.Log;

/// <summary>A witness refused a checkpoint or answered something that is not a valid cosignature; the other witnesses are still asked.</summary>
internal sealed class WitnessException(string message) : Exception(message);
