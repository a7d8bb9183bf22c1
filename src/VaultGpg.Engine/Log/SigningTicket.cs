namespace VaultGpg.Engine.Log;

/// <summary>
/// A request that is signing and will append to the log in a moment: while tickets are out, a group commit waits a
/// little for them (<see cref="TransparencyLog.MaxGroupWait"/>) so that they share it. Given back when the request
/// queues its entries, or disposed when it ends without appending; once either way.
/// </summary>
internal sealed class SigningTicket(TransparencyLog log) : IDisposable
{
    private int _ended;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            log.EndSigning();
        }
    }
}
