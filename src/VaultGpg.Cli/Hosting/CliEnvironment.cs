namespace VaultGpg.Cli.Hosting;

/// <summary>
/// The process environment as the commands see it: variables and the home directory. Commands never read
/// <see cref="Environment"/> directly, so tests can hand them a made-up environment.
/// </summary>
internal sealed class CliEnvironment(IReadOnlyDictionary<string, string> variables, string? homeDirectory)
{
    public string? HomeDirectory { get; } = homeDirectory;

    /// <summary>The variable's value, or null when it is unset or empty (as the vault CLI treats empty variables).</summary>
    public string? Get(string name) =>
        variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public static CliEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        return new CliEnvironment(variables, Environment.GetEnvironmentVariable("HOME"));
    }
}
