namespace VaultGpg.PluginSdk.Logical;

/// <summary>The operation of a request, as Vault names it on the wire (sdk/logical/request.go).</summary>
public enum Operation
{
    Create,
    Read,
    Update,
    Patch,
    Delete,
    List,
    Help,
    AliasLookahead,
    ResolveRole,
    Header,
    Renew,
    Revoke,
    Rollback,
}
