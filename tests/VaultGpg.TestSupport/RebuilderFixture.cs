namespace VaultGpg.TestSupport;

/// <summary>Three in-toto builder keys (ed25519, rsa, ecdsa) and one OpenPGP builder key, made once per class.</summary>
public sealed class RebuilderFixture : Xunit.IAsyncLifetime
{
    public InTotoBuilders Builders { get; } = new();

    public Dictionary<string, string> PublicKeys { get; } = new(StringComparer.Ordinal);

    public string GpgFingerprint { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (RequiredTools.MissingReason(InTotoBuilders.Tools) is not null)
        {
            return;
        }

        foreach (var type in (string[])["ed25519", "rsa", "ecdsa"])
        {
            PublicKeys[type] = await Builders.KeygenAsync(type, type);
        }

        (GpgFingerprint, PublicKeys["openpgp"]) = await Builders.GpgKeygenAsync("Rebuilder <rebuilder@example.org>");
    }

    public async Task DisposeAsync() => await Builders.DisposeAsync();
}
