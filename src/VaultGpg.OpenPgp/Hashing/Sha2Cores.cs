namespace VaultGpg.OpenPgp.Hashing;

/// <summary>Creates the SHA-2 core for a state: OpenSSL when it is usable (measured several times faster, see
/// tests/VaultGpg.Benchmarks/RESULTS.md), otherwise the managed one.</summary>
internal static class Sha2Cores
{
    public static Sha2State InitialState(HashAlgorithm algorithm) =>
        new(algorithm, 0, [.. Sha2Constants.InitialValue(algorithm)], []);

    public static ISha2Core Create(Sha2State state, Sha2Implementation implementation = Sha2Implementation.Default) =>
        implementation switch
        {
            Sha2Implementation.Managed => CreateManaged(state),
            Sha2Implementation.OpenSsl => OpenSslSha2.IsAvailable
                ? new OpenSslSha2Core(state)
                : throw new PlatformNotSupportedException("OpenSSL's libcrypto SHA-2 functions are not usable here"),
            _ => OpenSslSha2.IsAvailable ? new OpenSslSha2Core(state) : CreateManaged(state),
        };

    public static ISha2Core CreateManaged(Sha2State state) =>
        Sha2Family.IsWide(state.Algorithm) ? new ManagedSha512Core(state) : new ManagedSha256Core(state);
}
