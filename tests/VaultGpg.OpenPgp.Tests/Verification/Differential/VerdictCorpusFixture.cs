using System.Globalization;
using System.Text;
using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.TestSupport;
using static VaultGpg.OpenPgp.Verification.VerificationStatus;

namespace VaultGpg.OpenPgp.Tests.Verification.Differential;

/// <summary>
/// The differential corpus, made once per test class: keys and signatures made by real gpg in a private GNUPGHOME
/// (dated with --faked-system-time), revocations made in a second home so that the signer never knows of them, and
/// hand-crafted packets where gpg refuses to make them. Each case is then judged by gpg (the key alone in its own
/// keyring) and by sqv, once, here; the tests compare those verdicts with the engine's.
/// </summary>
public sealed class VerdictCorpusFixture : IAsyncLifetime
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("release artefact 1.0\n");
    private readonly List<VerdictCase> _cases = [];
    private readonly Dictionary<string, (GpgVerdict Gpg, bool Sqv)> _verdicts = new(StringComparer.Ordinal);
    private GpgOracle? _maker;
    private GpgOracle? _revoker;

    /// <summary>Keys are dated 30 days back so that signatures, expiries and revocations can lie between then and now.</summary>
    public DateTimeOffset Base { get; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeSeconds());

    public IReadOnlyList<VerdictCase> Cases => _cases;

    public (GpgVerdict Gpg, bool Sqv) VerdictOf(VerdictCase c) => _verdicts[c.Name];

    public async Task InitializeAsync()
    {
        if (RequiredTools.MissingReason(["sqv"]) is not null)
        {
            return;
        }

        _maker = GpgOracle.Create();
        _revoker = GpgOracle.Create();
        await MakeCorpusAsync(_maker, _revoker);
        await using var judge = GpgOracle.Create();
        using var sqvDirectory = new SqvDirectory();
        for (var i = 0; i < _cases.Count; i++)
        {
            var c = _cases[i];
            _verdicts[c.Name] = (await GpgJudgeAsync(judge, i, c), await sqvDirectory.AcceptsAsync(i, c));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var home in new[] { _maker, _revoker })
        {
            if (home is not null)
            {
                await home.DisposeAsync();
            }
        }
    }

    private static async Task<GpgVerdict> GpgJudgeAsync(GpgOracle judge, int index, VerdictCase c)
    {
        string[] keyring = ["--no-default-keyring", "--keyring", Path.Combine(judge.Home, $"case{index}.gpg"), "--trust-model", "always"];
        (await judge.RunAsync([.. keyring, "--import"], c.PublicKey)).EnsureSuccess("--import " + c.Name);
        var signatureFile = await judge.WriteTempFileAsync("sig", c.Signature);
        var result = await judge.RunAsync([.. keyring, "--verify", signatureFile, "-"], c.Data);
        return GpgVerdict.From(result);
    }

    private async Task MakeCorpusAsync(GpgOracle gpg, GpgOracle revoker)
    {
        var at = Base;

        // An Ed25519 key that signs with its primary, and another key to sign "by someone else".
        var main = await gpg.GenerateKeyAsync("main <main@example.org>", "ed25519", "sign", "never", at: at);
        var other = await gpg.GenerateKeyAsync("other <other@example.org>", "ed25519", "sign", "never", at: at);
        var mainKey = await gpg.ExportPublicKeyAsync(main, armor: false);
        var mainSecret = new PgpSecretKeyRing(await gpg.ExportSecretKeyAsync(main, armor: false));
        var mainPublic = mainSecret.GetPublicKey();

        Add("good ed25519 primary", mainKey, Data, await SignAsync(gpg, main, at.AddDays(1)), Good, true);
        Add("good ed25519, SHA-512", mainKey, Data, await SignAsync(gpg, main, at.AddDays(1), "--digest-algo", "SHA512"), Good, true);
        Add("good, text mode", mainKey, Data, await SignAsync(gpg, main, at.AddDays(1), "--textmode"), Good, true);
        Add("good, armored", mainKey, Data, await SignAsync(gpg, main, at.AddDays(1), "--armor"), Good, true);
        Add("tampered data", mainKey, Encoding.UTF8.GetBytes("release artefact 1.1\n"), await SignAsync(gpg, main, at.AddDays(1)), Bad, false);
        Add("signature by another key", mainKey, Data, await SignAsync(gpg, other, at.AddDays(1)), NoPublicKey, false);
        Add("signature expired (--default-sig-expire 1d)", mainKey, Data, await SignAsync(gpg, main, at.AddDays(1), "--default-sig-expire", "1d"), ExpiredSignature, false);
        Add("signature expires in a year", mainKey, Data, await SignAsync(gpg, main, at.AddDays(29), "--default-sig-expire", "1y"), Good, true);
        Add("critical notation", mainKey, Data, await SignAsync(gpg, main, at.AddDays(1), "--sig-notation", "!critical@example.org=x"), UnknownCritical, false);
        Add("non-critical notation", mainKey, Data, await SignAsync(gpg, main, at.AddDays(1), "--sig-notation", "info@example.org=x"), Good, true);
        Add("critical notation gpg knows (pka-address@gnupg.org)", mainKey, Data, await SignAsync(gpg, main, at.AddDays(1), "--sig-notation", "!pka-address@gnupg.org=a@example.org"), Good, false);
        Add("no creation time (crafted)", mainKey, Data, PacketCrafter.Sign(mainSecret, mainPublic.KeyId, 0x00, PacketCrafter.HashedWithoutCreationTime(mainPublic), Data), TimeConflict, false);
        Add("signature older than its key (crafted)", mainKey, Data, Craft(mainSecret, mainPublic, at.AddDays(-1)), TimeConflict, false);
        Add("unknown critical subpacket (crafted)", mainKey, Data, Craft(mainSecret, mainPublic, at.AddDays(1), PacketCrafter.Subpacket(100, true, [1])), UnknownCritical, false);
        Add("unknown non-critical subpacket (crafted)", mainKey, Data, Craft(mainSecret, mainPublic, at.AddDays(1), PacketCrafter.Subpacket(100, false, [1])), Good, true);
        Add("critical signer's user ID subpacket (crafted)", mainKey, Data, Craft(mainSecret, mainPublic, at.AddDays(1), PacketCrafter.Subpacket(28, true, "main"u8.ToArray())), UnknownCritical, true);
        Add("standalone signature type 0x02 (crafted)", mainKey, Data, PacketCrafter.Sign(mainSecret, mainPublic.KeyId, 0x02, PacketCrafter.Hashed(mainPublic, at.AddDays(1)), Data), WrongSignatureType, false);
        Add("certification type 0x13 (crafted)", mainKey, Data, PacketCrafter.Sign(mainSecret, mainPublic.KeyId, 0x13, PacketCrafter.Hashed(mainPublic, at.AddDays(1)), Data), WrongSignatureType, false);
        Add("garbage bytes", mainKey, Data, Encoding.ASCII.GetBytes("this is not a signature"), Malformed, false);
        var good = await SignAsync(gpg, main, at.AddDays(1));
        Add("truncated signature", mainKey, Data, good[..^10], Malformed, false);

        // RSA: SHA-1 (gpg 2.2 accepts it; the engine, as Sequoia, does not) and MD5 (gpg refuses it too).
        var rsa = await gpg.GenerateKeyAsync("rsa <rsa@example.org>", "rsa2048", "sign", "never", at: at);
        var rsaKey = await gpg.ExportPublicKeyAsync(rsa, armor: false);
        Add("good RSA-2048", rsaKey, Data, await SignAsync(gpg, rsa, at.AddDays(1)), Good, true);
        Add(Sha1CaseName, rsaKey, Data, await SignAsync(gpg, rsa, at.AddDays(1), "--digest-algo", "SHA1"), WeakHash, false);
        var encryptSubkey = await gpg.AddSubkeyAsync(rsa, "rsa2048", "encr", "never", at: at);
        var rsaWithSubkey = await gpg.ExportPublicKeyAsync(rsa, armor: false);
        var rsaSecret = new PgpSecretKeyRing(await gpg.ExportSecretKeyAsync(rsa, armor: false));
        Add("signature by an encrypt-only subkey (crafted)", rsaWithSubkey, Data, CraftBy(rsaSecret, encryptSubkey, at.AddDays(1)), WrongKeyUsage, false);

        // ECDSA P-384: a good SHA-384 signature, and a SHA-256 one (shorter than the curve: gpg refuses it).
        var p384 = await gpg.GenerateKeyAsync("p384 <p384@example.org>", "nistp384", "sign", "never", at: at);
        var p384Key = await gpg.ExportPublicKeyAsync(p384, armor: false);
        var p384Secret = new PgpSecretKeyRing(await gpg.ExportSecretKeyAsync(p384, armor: false));
        Add("good P-384, SHA-384", p384Key, Data, await SignAsync(gpg, p384, at.AddDays(1), "--digest-algo", "SHA384"), Good, true);
        Add("P-384 with SHA-256 (crafted)", p384Key, Data, Craft(p384Secret, p384Secret.GetPublicKey(), at.AddDays(1)), WeakHash, true);

        // A certify-only primary with signing, expiring, authentication and to-be-revoked subkeys.
        var split = await gpg.GenerateKeyAsync("split <split@example.org>", "ed25519", "cert", "never", at: at);
        var signing = await gpg.AddSubkeyAsync(split, "ed25519", "sign", "never", at: at);
        var expiring = await gpg.AddSubkeyAsync(split, "ed25519", "sign", "2d", at: at);
        var auth = await gpg.AddSubkeyAsync(split, "ed25519", "auth", "never", at: at);
        var compromised = await gpg.AddSubkeyAsync(split, "ed25519", "sign", "never", at: at);
        var superseded = await gpg.AddSubkeyAsync(split, "ed25519", "sign", "never", at: at);
        var retired = await gpg.AddSubkeyAsync(split, "ed25519", "sign", "never", at: at);
        var splitKey = await gpg.ExportPublicKeyAsync(split, armor: false);
        var splitSecret = new PgpSecretKeyRing(await gpg.ExportSecretKeyAsync(split, armor: false));
        var splitRing = new PgpPublicKeyRing(splitKey);

        Add("good signing subkey (-u SUB!)", splitKey, Data, await SignAsync(gpg, signing + "!", at.AddDays(1)), Good, true);
        Add("expired signing subkey, signed before expiry", splitKey, Data, await SignAsync(gpg, expiring + "!", at.AddDays(1)), ExpiredKey, true);
        Add("signature expired and by an expired subkey", splitKey, Data, await SignAsync(gpg, expiring + "!", at.AddDays(1), "--default-sig-expire", "1d"), ExpiredSignature, false);
        Add("signature by an authentication-only subkey (crafted)", splitKey, Data, CraftBy(splitSecret, auth, at.AddDays(1)), WrongKeyUsage, false);
        Add("signature by a certify-only primary (crafted)", splitKey, Data, Craft(splitSecret, splitSecret.GetPublicKey(), at.AddDays(1)), WrongKeyUsage, false);
        Add("signing subkey without back-signature (crafted binding)", PacketCrafter.Rebind(splitSecret, splitRing, KeyIdOf(signing), null), Data,
            await SignAsync(gpg, signing + "!", at.AddDays(1)), NotCrossCertified, false);
        Add("signing subkey with another subkey's back-signature (crafted binding)",
            PacketCrafter.Rebind(splitSecret, splitRing, KeyIdOf(signing), PacketCrafter.BackSignatureOf(splitRing, KeyIdOf(compromised))), Data,
            await SignAsync(gpg, signing + "!", at.AddDays(1)), NotCrossCertified, false);

        // Revocations, made in a second home so that gpg above still signs with the keys, dated at day 10.
        await revoker.ImportAsync(await gpg.ExportSecretKeyAsync(split, armor: false));
        await revoker.RevokeSubkeyAsync(split, compromised, 2, "key leaked", at.AddDays(10));
        await revoker.RevokeSubkeyAsync(split, superseded, 1, "replaced by a new key", at.AddDays(10));
        await revoker.RevokeSubkeyAsync(split, retired, 3, string.Empty, at.AddDays(10));
        var revokedKey = await revoker.ExportPublicKeyAsync(split, armor: false);
        Add("subkey revoked as compromised, signed before", revokedKey, Data, await SignAsync(gpg, compromised + "!", at.AddDays(5)), RevokedKey, false);
        Add("subkey revoked as compromised, signed after", revokedKey, Data, await SignAsync(gpg, compromised + "!", at.AddDays(15)), RevokedKey, false);
        Add("subkey revoked as superseded, signed before", revokedKey, Data, await SignAsync(gpg, superseded + "!", at.AddDays(5)), RevokedKey, true);
        Add("subkey revoked as superseded, signed after", revokedKey, Data, await SignAsync(gpg, superseded + "!", at.AddDays(15)), RevokedKey, false);
        Add("subkey revoked as retired, signed before", revokedKey, Data, await SignAsync(gpg, retired + "!", at.AddDays(5)), RevokedKey, true);
        Add("other subkey of a key with revoked subkeys", revokedKey, Data, await SignAsync(gpg, signing + "!", at.AddDays(5)), Good, true);

        // A primary key that expired, with a subkey that did not: both count as expired.
        var expired = await gpg.GenerateKeyAsync("expired <expired@example.org>", "ed25519", "sign", "3d", at: at);
        var expiredSub = await gpg.AddSubkeyAsync(expired, "ed25519", "sign", "never", at: at);
        var expiredKey = await gpg.ExportPublicKeyAsync(expired, armor: false);
        Add("expired primary key, signed before expiry", expiredKey, Data, await SignAsync(gpg, expired + "!", at.AddDays(1)), ExpiredKey, true);
        Add("subkey of an expired primary key", expiredKey, Data, await SignAsync(gpg, expiredSub + "!", at.AddDays(1)), ExpiredKey, true);

        // A whole key revoked (its generated revocation certificate, no reason), and a signature by its subkey.
        var whole = await gpg.GenerateKeyAsync("whole <whole@example.org>", "ed25519", "sign", "never", at: at);
        var wholeSub = await gpg.AddSubkeyAsync(whole, "ed25519", "sign", "never", at: at);
        var certificate = await File.ReadAllTextAsync(Path.Combine(gpg.Home, "openpgp-revocs.d", whole + ".rev"));
        await revoker.ImportAsync(await gpg.ExportPublicKeyAsync(whole, armor: false));
        (await revoker.ImportAsync(Encoding.ASCII.GetBytes(certificate.Replace(":-----BEGIN", "-----BEGIN", StringComparison.Ordinal)))).EnsureSuccess("import revocation");
        var wholeRevoked = await revoker.ExportPublicKeyAsync(whole, armor: false);
        Add("revoked primary key (revocation certificate)", wholeRevoked, Data, await SignAsync(gpg, whole + "!", at.AddDays(1)), RevokedKey, false);
        Add("subkey of a revoked primary key", wholeRevoked, Data, await SignAsync(gpg, wholeSub + "!", at.AddDays(1)), RevokedKey, false);

        // A key created in the future (clock problem).
        var future = await gpg.GenerateKeyAsync("future <future@example.org>", "ed25519", "sign", "never", at: DateTimeOffset.UtcNow.AddDays(2));
        var futureKey = await gpg.ExportPublicKeyAsync(future, armor: false);
        Add("key created in the future", futureKey, Data, await SignAsync(gpg, future, DateTimeOffset.UtcNow.AddDays(2).AddMinutes(1)), InvalidKey, false);
    }

    /// <summary>The SHA-1 case: the one deliberate difference from gpg.</summary>
    public const string Sha1CaseName = "SHA-1 signature (RSA)";

    private void Add(string name, byte[] key, byte[] data, byte[] signature, VerificationStatus expected, bool sqvAccepts) =>
        _cases.Add(new VerdictCase(name, key, data, signature, expected, sqvAccepts));

    private static byte[] Craft(PgpSecretKeyRing secret, PgpPublicKey key, DateTimeOffset created, params byte[][] extra) =>
        PacketCrafter.Sign(secret, key.KeyId, SignatureCore.BinaryDocument, PacketCrafter.Hashed(key, created, extra), Data);

    private static byte[] CraftBy(PgpSecretKeyRing secret, string fingerprint, DateTimeOffset created)
    {
        var key = secret.GetPublicKey(KeyIdOf(fingerprint));
        return Craft(secret, key, created);
    }

    private static long KeyIdOf(string fingerprint) => long.Parse(fingerprint[^16..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static async Task<byte[]> SignAsync(GpgOracle gpg, string keySpec, DateTimeOffset at, params string[] extra)
    {
        var faked = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "!";
        var result = await gpg.RunAsync(
            ["--passphrase", string.Empty, "--faked-system-time", faked, .. extra, "--local-user", keySpec, "--detach-sign", "--output", "-", "-"], Data);
        return result.EnsureSuccess("--detach-sign -u " + keySpec).Stdout;
    }
}
