using SharpFuzz;

namespace VaultGpg.Fuzz;

/// <summary>
/// <c>VaultGpg.Fuzz TARGET</c> runs one target under afl-fuzz (reading one input from stdin when started without it,
/// which replays a crash); <c>VaultGpg.Fuzz seeds DIR</c> writes a seed corpus per target into DIR/TARGET.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["seeds", var directory])
        {
            SeedCorpus.Write(directory);
            return 0;
        }

        if (args is [var name] && FuzzTargets.All.TryGetValue(name, out var target))
        {
            Fuzzer.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                target(buffer.ToArray());
            });
            return 0;
        }

        Console.Error.WriteLine($"usage: VaultGpg.Fuzz TARGET | seeds DIR; targets: {string.Join(", ", FuzzTargets.All.Keys)}");
        return 2;
    }
}
