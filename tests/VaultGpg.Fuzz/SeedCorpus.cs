using System.Text;

namespace VaultGpg.Fuzz;

/// <summary>
/// Valid inputs for each target, made by the library itself at run time (nothing binary is committed): keys of each
/// small kind, detached and cleartext signatures with and without expiry, hash states at block boundaries, armor of
/// each kind and base64 as clients send it. afl-fuzz mutates from these, so it starts deep inside each format; the
/// property tests mutate the same samples.
/// </summary>
internal static class SeedCorpus
{
    private static readonly byte[] Payload = "the package\nwith two lines\n"u8.ToArray();

    /// <summary>Writes the samples of each target into <paramref name="directory"/>/TARGET/seed-NN.</summary>
    public static void Write(string directory)
    {
        foreach (var (target, samples) in Make())
        {
            var folder = Directory.CreateDirectory(Path.Combine(directory, target)).FullName;
            for (var i = 0; i < samples.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(folder, $"seed-{i:D2}"), samples[i]);
            }
        }
    }

    /// <summary>Valid samples by target name (the names of <see cref="FuzzTargets.All"/>).</summary>
    public static Dictionary<string, List<byte[]>> Make()
    {
        var signer = new OpenPgpSigner();
        var generator = new KeyGenerator();
        var keys = new[] { KeyType.Ed25519, KeyType.EcdsaP256 }
            .Select(type => generator.Generate(new KeyGenerationOptions { Type = type, RealName = "Fuzz Seed", Email = "seed@example.org" }))
            .ToList();
        var signatures = keys.SelectMany(key => new[]
        {
            signer.SignDetached(key, Payload),
            signer.SignDetached(key, Payload, new SignOptions { Hash = HashAlgorithm.Sha512, TextMode = true, ExpiresAfter = TimeSpan.FromDays(1) }),
        }).ToList();
        var armoredSignatures = signatures.Select(s => OpenPgp.Signing.Armor.Encode(s, ArmorKind.Signature)).ToList();
        var cleartext = keys.Select(key => signer.SignCleartext(key, "Origin: fuzz\nSuite: stable\n- dashed line\n")).ToList();
        var publicKeys = keys.Select(key => key.ExportPublicKey()).ToList();
        var secretKeys = keys.Select(key => key.ToStoredForm()).ToList();
        var states = HashStates().ToList();
        List<byte[]> keyData =
        [
            .. publicKeys,
            .. secretKeys,
            Encoding.ASCII.GetBytes(keys[0].ExportPublicKeyArmored()),
            Encoding.ASCII.GetBytes(keys[1].ExportSecretKeyArmored()),
        ];

        return new Dictionary<string, List<byte[]>>(StringComparer.Ordinal)
        {
            ["armor"] =
            [
                .. armoredSignatures.Select(Encoding.ASCII.GetBytes),
                .. cleartext.Select(Encoding.UTF8.GetBytes),
                Encoding.ASCII.GetBytes(keys[0].ExportPublicKeyArmored()),
                Encoding.ASCII.GetBytes(OpenPgp.Signing.Armor.Encode(Payload, ArmorKind.Message).Replace("\n", "\r\n", StringComparison.Ordinal)),
            ],
            ["packet"] = [.. signatures, .. publicKeys, [.. signatures[0], .. signatures[1]]],
            ["signature"] = [.. signatures.Select(s => PacketReader.ReadAll(s).Single().Body.ToArray())],
            ["hashstate"] = states,
            ["keyring"] = keyData,
            ["keyimport"] = keyData,
            ["base64"] =
            [
                .. signatures.Concat(states).Select(b => Encoding.ASCII.GetBytes(Convert.ToBase64String(b))),
                "aGVsbG8="u8.ToArray(),
                "aGVs\nbG8"u8.ToArray(),
                Encoding.ASCII.GetBytes(armoredSignatures[0]),
            ],
        };
    }

    /// <summary>States of each SHA-2 after lengths around one block, the shapes the encoding distinguishes.</summary>
    private static IEnumerable<byte[]> HashStates()
    {
        foreach (var algorithm in new[] { HashAlgorithm.Sha224, HashAlgorithm.Sha256, HashAlgorithm.Sha384, HashAlgorithm.Sha512 })
        {
            foreach (var length in new[] { 0, 1, 63, 64, 100, 127, 128, 200 })
            {
                var hash = ResumableHash.Create(algorithm);
                hash.Append(new byte[length]);
                yield return hash.ExportState();
            }
        }
    }
}
