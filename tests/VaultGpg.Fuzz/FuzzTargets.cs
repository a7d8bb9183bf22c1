using System.Text;
using VaultGpg.Engine.Paths;

namespace VaultGpg.Fuzz;

/// <summary>
/// One fuzz target per parser. Each feeds the input to the parser and lets every exception escape except the
/// parser's one documented refusal (<see cref="OpenPgpException"/>; the engine's base64 decoder refuses with a value,
/// never an exception), so afl-fuzz records any other exception as a crash. Where a round trip holds, a broken one
/// is thrown as a crash too.
/// </summary>
internal static class FuzzTargets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["armor"] = input => Refusable(() => Armor(input)),
        ["packet"] = input => Refusable(() => PacketReader.ReadAll(input)),
        ["signature"] = input => Refusable(() => Signature(input)),
        ["hashstate"] = input => Refusable(() => HashState(input)),
        ["keyring"] = input => Refusable(() => KeyRingParser.ParseSingle(input, KeyDataLimits.MaxKeyBytes, untrusted: true)),
        ["keyimport"] = input => Refusable(() => new KeyImporter().Import(input, new KeyImportOptions(AllowVerifyOnly: true))),
        ["base64"] = Base64,
    };

    private static void Refusable(Action parse)
    {
        try
        {
            parse();
        }
        catch (OpenPgpException)
        {
            // The documented refusal: not a finding.
        }
    }

    private static void Armor(byte[] input)
    {
        var decoded = OpenPgp.Signing.Armor.Decode(Encoding.Latin1.GetString(input));
        var again = OpenPgp.Signing.Armor.Decode(OpenPgp.Signing.Armor.Encode(decoded, ArmorKind.Message));
        Expect(decoded.AsSpan().SequenceEqual(again), "armor: decode(encode(x)) != x");
        ArmorReader.ReadBinaryOrArmored(input, "PGP SIGNATURE");
    }

    private static void Signature(byte[] body)
    {
        var packet = SignaturePacket.Parse(body);
        _ = packet.Trailer();
        var encoded = packet.Encode();
        var reparsed = SignaturePacket.Parse(PacketReader.ReadAll(encoded).Single().Body.Span);
        Expect(reparsed.Encode().AsSpan().SequenceEqual(encoded), "signature: parse(encode(p)) != p");
    }

    private static void HashState(byte[] state)
    {
        var hash = ResumableHash.Import(state);
        Expect(hash.ExportState().AsSpan().SequenceEqual(state), "hash state: export(import(s)) != s");
        hash.Append("abc"u8);
        _ = hash.Finish();
    }

    private static void Base64(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        _ = RequestValues.Base64("input", text);
        _ = RequestValues.Binary("signature", text, armored: true);
        _ = RequestValues.KeyMaterial("key", text);
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
