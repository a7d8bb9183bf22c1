using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace VaultGpg.Attestation;

/// <summary>
/// An in-toto (securesystemslib) public key: ed25519 (scheme ed25519, hex public key), ecdsa (ecdsa-sha2-nistp256 or
/// nistp384, PEM; DER signatures) or rsa (rsassa-pss-sha256: PSS, MGF1 with SHA-256, salt as long as the hash, which
/// securesystemslib signs with and .NET verifies). Its key ID is the SHA-256 of the canonical JSON of
/// <c>{"keyid_hash_algorithms": ["sha256", "sha512"], "keytype", "keyval": {"public"}, "scheme"}</c>, the object
/// securesystemslib's <c>_get_keyid</c> hashes (the hash algorithms list is its constant, not the file's).
/// </summary>
internal sealed class InTotoKey : BuilderKey
{
    private const string PemHeader = "-----BEGIN PUBLIC KEY-----";
    private const string PemFooter = "-----END PUBLIC KEY-----";

    private readonly string _scheme;
    private readonly string _public;

    private InTotoKey(string type, string keyType, string scheme, string publicValue)
    {
        Type = type;
        _scheme = scheme;
        _public = publicValue;
        var keyObject = "{\"keyid_hash_algorithms\":[\"sha256\",\"sha512\"],\"keytype\":" + CanonicalJson.String(keyType) +
            ",\"keyval\":{\"public\":" + CanonicalJson.String(publicValue) + "},\"scheme\":" + CanonicalJson.String(scheme) + "}";
        KeyId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keyObject)));
    }

    public override string Type { get; }

    public override string KeyId { get; }

    public override bool Matches(string keyId) => string.Equals(keyId, KeyId, StringComparison.OrdinalIgnoreCase);

    public override bool Verify(ReadOnlySpan<byte> data, AttestationSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.OpenPgpHeaders is not null)
        {
            return false;
        }

        try
        {
            switch (Type)
            {
                case Ed25519:
                    var publicKey = Convert.FromHexString(_public);
                    return signature.Value.Length == Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.SignatureSize &&
                        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(signature.Value, 0, publicKey, 0, data.ToArray(), 0, data.Length);
                case Rsa:
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportFromPem(_public);
                        return rsa.VerifyData(data, signature.Value, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
                    }

                default:
                    using (var ecdsa = ECDsa.Create())
                    {
                        ecdsa.ImportFromPem(_public);
                        var hash = _scheme == "ecdsa-sha2-nistp384" ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
                        return ecdsa.VerifyData(data, signature.Value, hash, DSASignatureFormat.Rfc3279DerSequence);
                    }
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The <c>.pub</c> JSON in-toto-keygen writes for ed25519 and ecdsa keys.</summary>
    public static InTotoKey FromPublicJson(string type, string json)
    {
        string keyType, scheme, publicValue;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            keyType = root.GetProperty("keytype").GetString() ?? "";
            scheme = root.GetProperty("scheme").GetString() ?? "";
            publicValue = root.GetProperty("keyval").GetProperty("public").GetString() ?? "";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new AttestationException($"not an in-toto {type} public key (the .pub JSON in-toto-keygen writes, with keytype, scheme and keyval.public)", e);
        }

        if (type == Ed25519)
        {
            if (keyType != Ed25519 || scheme != Ed25519)
            {
                throw new AttestationException($"keytype \"{keyType}\" and scheme \"{scheme}\" are not an ed25519 key");
            }

            if (publicValue.Length != 64 || !IsHex(publicValue))
            {
                throw new AttestationException("an ed25519 public key is 64 hex digits");
            }

            return new InTotoKey(Ed25519, keyType, scheme, publicValue);
        }

        if (keyType is not ("ecdsa" or "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384") || scheme is not ("ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384"))
        {
            throw new AttestationException($"keytype \"{keyType}\" and scheme \"{scheme}\" are not an ecdsa key");
        }

        CheckPem(publicValue, pem =>
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
        });
        return new InTotoKey(Ecdsa, keyType, scheme, publicValue);
    }

    /// <summary>The <c>.pub</c> PEM in-toto-keygen writes for rsa keys; the key ID covers the PEM from its header to its
    /// footer with <c>\r\n</c> as <c>\n</c>, as securesystemslib's <c>extract_pem</c> cuts it.</summary>
    public static InTotoKey FromRsaPem(string text)
    {
        var start = text.IndexOf(PemHeader, StringComparison.Ordinal);
        var end = text.IndexOf(PemFooter, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new AttestationException($"an rsa key is a PEM public key (\"{PemHeader}\"), as in-toto-keygen writes it");
        }

        var pem = text[start..(end + PemFooter.Length)].Replace("\r\n", "\n", StringComparison.Ordinal);
        CheckPem(pem, p =>
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(p);
        });
        return new InTotoKey(Rsa, Rsa, "rsassa-pss-sha256", pem);
    }

    private static void CheckPem(string pem, Action<string> import)
    {
        try
        {
            import(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new AttestationException("the PEM public key does not read as a key of this type", e);
        }
    }

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigit);
}
