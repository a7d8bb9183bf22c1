using System.Diagnostics.CodeAnalysis;

namespace VaultGpg.PluginSdk.Logical;

/// <summary>Converts <see cref="Operation"/> to and from Vault's wire strings.</summary>
public static class OperationNames
{
    public static string ToWire(this Operation operation) => operation switch
    {
        Operation.Create => "create",
        Operation.Read => "read",
        Operation.Update => "update",
        Operation.Patch => "patch",
        Operation.Delete => "delete",
        Operation.List => "list",
        Operation.Help => "help",
        Operation.AliasLookahead => "alias-lookahead",
        Operation.ResolveRole => "resolve-role",
        Operation.Header => "header",
        Operation.Renew => "renew",
        Operation.Revoke => "revoke",
        Operation.Rollback => "rollback",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown operation"),
    };

    /// <summary>Parses a wire operation name; false for a name Vault does not define.</summary>
    public static bool TryParse(string? wire, [NotNullWhen(true)] out Operation? operation)
    {
        operation = wire switch
        {
            "create" => Operation.Create,
            "read" => Operation.Read,
            "update" => Operation.Update,
            "patch" => Operation.Patch,
            "delete" => Operation.Delete,
            "list" => Operation.List,
            "help" => Operation.Help,
            "alias-lookahead" => Operation.AliasLookahead,
            "resolve-role" => Operation.ResolveRole,
            "header" => Operation.Header,
            "renew" => Operation.Renew,
            "revoke" => Operation.Revoke,
            "rollback" => Operation.Rollback,
            _ => null,
        };
        return operation is not null;
    }
}
