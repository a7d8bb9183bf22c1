using System.Globalization;
using System.Net;
using System.Text;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Commands.Log;

/// <summary>
/// The client side of C2SP tlog-witness <c>add-checkpoint</c>: POSTs <c>old &lt;size&gt;</c>, the consistency proof from
/// that size (one base64 hash a line), an empty line and the signed checkpoint. A 409 answers the size the witness
/// last cosigned (<c>text/x.tlog.size</c>): the request is sent once more with a proof from that size. A 200 answers
/// the witness's cosignature lines, checked here with its key when one is given.
/// </summary>
internal sealed class WitnessClient(HttpClient http)
{
    /// <param name="witness">Where to send, and the key to check the answer with.</param>
    /// <param name="checkpoint">The log's signed checkpoint.</param>
    /// <param name="oldSize">The size the witness is believed to have cosigned last (0 when unknown).</param>
    /// <param name="prove">Builds the consistency proof from a size to the checkpoint's size.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The cosignature lines of the witness.</returns>
    public async Task<IReadOnlyList<NoteSignature>> AddCheckpointAsync(
        WitnessTarget witness, SignedNote checkpoint, long oldSize, Func<long, CancellationToken, Task<IReadOnlyList<byte[]>>> prove, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(witness);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(prove);
        var size = Checkpoint.Parse(checkpoint.Text).Size;
        for (var attempt = 1; ; attempt++)
        {
            if (oldSize > size)
            {
                throw new WitnessException(Invariant($"{witness.Prefix} has cosigned size {oldSize}, larger than the checkpoint's {size}"));
            }

            var proof = oldSize == 0 || oldSize == size ? [] : await prove(oldSize, cancellationToken).ConfigureAwait(false);
            using var content = new ByteArrayContent(Body(oldSize, proof, checkpoint));
            using var response = await http.PostAsync(witness.AddCheckpoint, content, cancellationToken).ConfigureAwait(false);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Conflict && attempt == 1)
            {
                oldSize = long.TryParse(answer.TrimEnd('\n'), NumberStyles.None, CultureInfo.InvariantCulture, out var known)
                    ? known
                    : throw new WitnessException($"{witness.Prefix} answered 409 without a tree size");
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new WitnessException(Invariant($"{witness.Prefix} refused the checkpoint of size {size}: {(int)response.StatusCode} {FirstLine(answer)}"));
            }

            return Verified(witness, checkpoint, answer);
        }
    }

    /// <summary>The add-checkpoint request body.</summary>
    internal static byte[] Body(long oldSize, IReadOnlyList<byte[]> proof, SignedNote checkpoint)
    {
        var body = new StringBuilder(Invariant($"old {oldSize}\n"));
        foreach (var hash in proof)
        {
            body.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(body.Append('\n').Append(checkpoint).ToString());
    }

    private static List<NoteSignature> Verified(WitnessTarget witness, SignedNote checkpoint, string answer)
    {
        List<NoteSignature> lines;
        try
        {
            lines = answer.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(NoteSignature.ParseLine).ToList();
        }
        catch (FormatException e)
        {
            throw new WitnessException($"{witness.Prefix} answered something that is not cosignature lines: {e.Message}");
        }

        if (witness.Key is not { } key)
        {
            return lines.Count > 0 ? lines : throw new WitnessException($"{witness.Prefix} answered no cosignature");
        }

        var text = Encoding.UTF8.GetBytes(checkpoint.Text);
        var valid = lines.Where(l => l.Name == key.Name && l.KeyId == key.KeyId && key.Verify(text, l.Signature)).ToList();
        return valid.Count > 0 ? valid : throw new WitnessException($"{witness.Prefix} answered no cosignature that verifies with {key.Name}'s key");
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] : line;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
