using System.Text;
using VaultGpg.Cli.Commands;
using VaultGpg.Cli.Hosting;

namespace VaultGpg.Cli.Tests.Fakes;

/// <summary>
/// vaultgpg run in-process against a <see cref="FakeVault"/>: captured stdout/stderr, given stdin, made-up
/// environment (VAULT_ADDR, VAULT_TOKEN=test-token, no home directory). Retry waits are recorded in
/// <see cref="RetryDelays"/> and not waited.
/// </summary>
internal sealed class TestCli
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _retryDelays = [];
    private readonly StringWriter _out = new() { NewLine = "\n" };
    private readonly StringWriter _error = new() { NewLine = "\n" };
    private readonly MemoryStream _stdout = new();

    public TestCli(Dictionary<string, string>? environment = null)
    {
        Environment = environment ?? new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["VAULT_ADDR"] = "http://vault.test:8200",
            ["VAULT_TOKEN"] = "test-token",
        };
    }

    public FakeVault Vault { get; } = new();

    public Dictionary<string, string> Environment { get; }

    public byte[] Stdin { get; set; } = [];

    public IReadOnlyList<TimeSpan> RetryDelays
    {
        get
        {
            lock (_lock)
            {
                return [.. _retryDelays];
            }
        }
    }

    public string Out => _out.ToString();

    public string Error => _error.ToString();

    public byte[] Stdout => _stdout.ToArray();

    public CliContext Context => new(
        new CliConsole(_out, _error, () => new MemoryStream(Stdin, writable: false), () => _stdout, ErrorIsTerminal: false),
        new CliEnvironment(Environment, null),
        TimeProvider.System,
        _ => Vault)
    {
        RetryDelay = (wait, _) =>
        {
            lock (_lock)
            {
                _retryDelays.Add(wait);
            }

            return Task.CompletedTask;
        },
    };

    public Task<int> RunAsync(params string[] args) => CliApplication.RunAsync(Context, args, "vaultgpg", CancellationToken.None);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Utf8String(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
