using System.Diagnostics;
using CsCheck;

namespace VaultGpg.TestSupport;

/// <summary>
/// Property-test inputs for parsers: random byte strings, and valid samples with a few random edits (bit flips,
/// boundary bytes, insertions, deletions, truncation, duplicated runs, 0xFF runs over length fields). Random bytes
/// exercise the first checks; edited samples get past them into the body of each format.
/// </summary>
public static class FuzzInputs
{
    /// <summary>How long one input may take before the parser counts as hanging (generous: the machine is shared).</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(2);

    private static readonly Gen<ByteEdit> Edit =
        Gen.Select(Gen.Int[0, ByteEdit.Kinds - 1], Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[1, 64], (kind, at, value, length) => new ByteEdit(kind, at, value, length));

    public static Gen<byte[]> RandomBytes { get; } = Gen.Byte.Array[0, 600];

    /// <summary>One of <paramref name="samples"/> with one to six edits.</summary>
    public static Gen<byte[]> MutationsOf(IReadOnlyList<byte[]> samples) =>
        Gen.Select(Gen.Int[0, samples.Count - 1], Edit.Array[1, 6], (index, edits) => edits.Aggregate(samples[index], (input, edit) => edit.ApplyTo(input)));

    /// <summary>Random bytes one time in four, edited samples otherwise.</summary>
    public static Gen<byte[]> RandomOrMutated(IReadOnlyList<byte[]> samples) =>
        Gen.Frequency((1, RandomBytes), (3, MutationsOf(samples)));

    /// <summary>
    /// Runs <paramref name="parse"/> on <paramref name="iterations"/> inputs; it must return or throw only what it
    /// catches itself as the refusal (so any exception escaping it fails the property, shrunk to a small input), and
    /// each input must finish within <see cref="HangLimit"/>.
    /// </summary>
    public static void Check(Gen<byte[]> inputs, Action<byte[]> parse, long iterations = 20_000)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        inputs.Sample(
            input =>
            {
                var watch = Stopwatch.StartNew();
                parse(input);
                if (watch.Elapsed > HangLimit)
                {
                    throw new TimeoutException($"parsing {input.Length} bytes took {watch.Elapsed}");
                }
            },
            iter: iterations,
            print: input => Convert.ToHexString(input));
    }
}
