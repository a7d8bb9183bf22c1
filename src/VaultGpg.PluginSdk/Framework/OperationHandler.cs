using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Framework;

/// <summary>
/// Handles one operation on a path. Return null for "nothing" (404 on read/list, 204 otherwise), a response with
/// data, or <see cref="Response.InvalidRequest(string)"/> for a user error. Throw only for the unexpected.
/// </summary>
public delegate Task<Response?> OperationHandler(Request request, FieldData data, CancellationToken cancellationToken);
