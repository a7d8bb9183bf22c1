using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using VaultGpg.Attestation;
using VaultGpg.Engine.Gate;
using VaultGpg.Engine.Keys;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Paths;

/// <summary><c>keys/:name/policy</c>: the key's reproducible-build policy (trusted builders and threshold); its own path,
/// so that an operator can grant it to release administrators only.</summary>
internal sealed partial class PathKeysPolicy(KeyStore keys, GateEvents gateEvents, ILogger<PathKeysPolicy> log)
{
    internal const int MaxBuilderIdLength = 32;

    private static readonly FieldSchema<string> Name = KeyFields.Name;

    private static readonly FieldSchema<IReadOnlyList<JsonObject>> Builders = Field.ObjectList(
        "builders",
        "The trusted builders: a list of 1 to 32 objects, each with id (1 to 32 letters, digits, '_', '-', '.'), type " +
        "(ed25519, rsa or ecdsa for an in-toto key as in-toto-keygen writes it, or openpgp) and public_key (the text of " +
        "in-toto-keygen's .pub file, or an armored OpenPGP public key). Two builders may not share a key. Required on write.");

    private static readonly FieldSchema<int> Threshold = Field.Int(
        "threshold",
        "How many distinct builders of the policy must have attested a digest before the key signs it: 1 to the number " +
        "of builders, at most 8. Required on write.");

    public static PathDefinition[] Define(PathKeysPolicy h) =>
    [
        new("keys/" + PathPatterns.Name(Name) + "/policy")
        {
            Fields = [Name, Builders, Threshold],
            Operations =
            {
                [Operation.Update] = new(h.WriteAsync) { Summary = "Set or replace a key's build policy." },
                [Operation.Read] = new(h.ReadAsync) { Summary = "Read a key's build policy." },
                [Operation.Delete] = new(h.DeleteAsync) { Summary = "Delete a key's build policy (the key signs without the gate)." },
            },
            HelpSynopsis = Synopsis,
            HelpDescription = Description,
        },
    ];

    private async Task<Response?> ReadAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var policy = await GateStore.GetPolicyAsync(request.Storage, data.Get(Name), cancellationToken).ConfigureAwait(false);
        return policy is null ? null : Response.WithData(View(data.Get(Name), policy));
    }

    private async Task<Response?> WriteAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        var policy = Parse(data);
        if (policy.Failed)
        {
            return policy.Problem.ToResponse();
        }

        using (await keys.LockAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var found = await keys.RequireAsync(request, name, cancellationToken).ConfigureAwait(false);
            if (found.Failed)
            {
                return found.Problem.ToResponse();
            }

            await gateEvents.RecordPolicyAsync(request.Storage, name, found.Value.Key.Info.Fingerprint, policy.Value, cancellationToken).ConfigureAwait(false);
            await GateStore.PutPolicyAsync(request.Storage, name, policy.Value, cancellationToken).ConfigureAwait(false);
        }

        GateLog.PolicySet(log, name, policy.Value.Threshold, policy.Value.Builders.Count, request.Id);
        return Response.WithData(View(name, policy.Value));
    }

    private async Task<Response?> DeleteAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        using (await keys.LockAsync(name, cancellationToken).ConfigureAwait(false))
        {
            if (await GateStore.GetPolicyAsync(request.Storage, name, cancellationToken).ConfigureAwait(false) is null)
            {
                return null;
            }

            var key = await keys.GetAsync(request.Storage, name, cancellationToken).ConfigureAwait(false);
            await gateEvents.RecordPolicyAsync(request.Storage, name, key?.Key.Info.Fingerprint ?? "", null, cancellationToken).ConfigureAwait(false);
            await GateStore.DeletePolicyAsync(request.Storage, name, cancellationToken).ConfigureAwait(false);
        }

        GateLog.PolicyDeleted(log, name, request.Id);
        return null;
    }

    private static Parsed<GatePolicy> Parse(FieldData data)
    {
        if (!data.TryGet(Builders, out var items) || items.Count == 0)
        {
            return Parsed<GatePolicy>.Invalid(Builders.Name, "required: a list of at least one builder");
        }

        if (items.Count > GatePolicy.MaxBuilders)
        {
            return Parsed<GatePolicy>.Invalid(Builders.Name, $"{items.Count} builders; at most {GatePolicy.MaxBuilders}");
        }

        var builders = new List<GateBuilder>();
        for (var i = 0; i < items.Count; i++)
        {
            var builder = ParseBuilder($"{Builders.Name}[{i}]", items[i], builders);
            if (builder.Failed)
            {
                return builder.Problem;
            }

            builders.Add(builder.Value);
        }

        if (!data.TryGet(Threshold, out var threshold))
        {
            return Parsed<GatePolicy>.Invalid(Threshold.Name, "required: how many builders must attest a digest");
        }

        if (threshold < 1 || threshold > builders.Count || threshold > GatePolicy.MaxThreshold)
        {
            return Parsed<GatePolicy>.Invalid(Threshold.Name, $"{threshold} is out of range; must be 1 to {Math.Min(builders.Count, GatePolicy.MaxThreshold)}");
        }

        return new GatePolicy(GatePolicy.CurrentVersion, threshold, builders);
    }

    private static Parsed<GateBuilder> ParseBuilder(string field, JsonObject item, List<GateBuilder> earlier)
    {
        var unknown = item.Select(p => p.Key).FirstOrDefault(k => k is not ("id" or "type" or "public_key"));
        if (unknown is not null)
        {
            return Parsed<GateBuilder>.Invalid($"{field}.{unknown}", "unknown member; a builder has id, type and public_key");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in (string[])["id", "type", "public_key"])
        {
            if (item[member] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || value.GetValue<string>().Length == 0)
            {
                return Parsed<GateBuilder>.Invalid($"{field}.{member}", "required: a non-empty string");
            }

            values[member] = value.GetValue<string>();
        }

        var id = values["id"];
        if (id.Length > MaxBuilderIdLength || !BuilderId().IsMatch(id))
        {
            return Parsed<GateBuilder>.Invalid($"{field}.id", $"invalid \"{(id.Length > MaxBuilderIdLength ? id[..MaxBuilderIdLength] + "…" : id)}\"; 1 to {MaxBuilderIdLength} letters, digits, '_', '-' and '.'");
        }

        if (earlier.Any(b => b.Id == id))
        {
            return Parsed<GateBuilder>.Invalid($"{field}.id", $"\"{id}\" is named twice");
        }

        BuilderKey key;
        try
        {
            key = BuilderKey.Parse(values["type"], values["public_key"]);
        }
        catch (AttestationException e)
        {
            return Parsed<GateBuilder>.Invalid($"{field}.{(BuilderKey.Types.Contains(values["type"]) ? "public_key" : "type")}", e.Message);
        }

        var twin = earlier.FirstOrDefault(b => b.KeyId == key.KeyId);
        if (twin is not null)
        {
            return Parsed<GateBuilder>.Invalid($"{field}.public_key", $"the same key as builder \"{twin.Id}\"; each builder counts once, so each needs its own key");
        }

        return new GateBuilder(id, key.Type, values["public_key"], key.KeyId);
    }

    private static JsonObject View(string name, GatePolicy policy) => new()
    {
        ["name"] = name,
        ["threshold"] = policy.Threshold,
        ["builders"] = new JsonArray([.. policy.Builders.Select(b => (JsonNode)new JsonObject
        {
            ["id"] = b.Id,
            ["type"] = b.Type,
            ["key_id"] = b.KeyId,
            ["public_key"] = b.PublicKey,
        })]),
        ["policy_hash"] = GateEvents.PolicyHash(policy),
    };

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex BuilderId();

    private const string Synopsis = "A key's reproducible-build policy.";

    private const string Description = """
        A key with a policy signs a file only when at least threshold of the policy's builders attested the file's
        digest (keys/:name/attest). Builders are in-toto keys (ed25519, rsa, ecdsa, as in-toto-keygen writes them) or
        OpenPGP keys (in-toto-run --gpg). Writing replaces the whole policy; deleting it makes the key sign without the
        gate. With the transparency log on, every change is logged before it is stored.
        """;
}
