namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// What the sweep's requests are aimed at: <see cref="Target"/>, an existing key for most paths; <see cref="ConfigTarget"/>
/// for the config path (whose malformed but weakly typed values may switch export or deletion on); the known
/// <see cref="Passphrase"/> and the secret key armor it protects, sent along so that the test can check neither comes
/// back; and a good signature by <see cref="Target"/> over <see cref="GoodInput"/>, for verify's baseline and damaged copies.
/// </summary>
internal sealed record SweepContext(
    string Target, string ConfigTarget, string Passphrase, string EncryptedKeyArmor, byte[] GoodSignature)
{
    /// <summary>base64 of "hello".</summary>
    public const string GoodInput = "aGVsbG8=";
}
