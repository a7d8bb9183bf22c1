using System.Security.Cryptography;
using System.Text;

namespace VaultGpg.Transparency.Tests;

/// <summary>The origin, key and time the log entry tests write into their sample entries.</summary>
internal static class EntrySamples
{
    public static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1764460800);
    public const string Origin = "vault.example.com/v1/gpg/log";
    public const string Primary = "b0b7e7ca0e4ba1a631d15196ef3331150a45bc4d";

    /// <summary>SHA-256 of <paramref name="text"/> in lower-case hex: a stand-in for any hashed value.</summary>
    public static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
