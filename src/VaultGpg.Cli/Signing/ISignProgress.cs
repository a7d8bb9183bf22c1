namespace VaultGpg.Cli.Signing;

/// <summary>Told about each finished file, from any thread.</summary>
internal interface ISignProgress
{
    void Completed(FileSignOutcome outcome);
}
