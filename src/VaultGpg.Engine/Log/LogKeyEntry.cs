using System.Text.Json.Serialization;

namespace VaultGpg.Engine.Log;

/// <summary>The log's Ed25519 signing key under <c>log/key</c> (seal-wrapped). Generated here and never returned by any path.</summary>
internal sealed record LogKeyEntry
{
    [JsonPropertyName("origin")]
    public required string Origin { get; init; }

    /// <summary>The RFC 8032 private key (32-byte seed).</summary>
    [JsonPropertyName("seed")]
    public required byte[] Seed { get; init; }
}
