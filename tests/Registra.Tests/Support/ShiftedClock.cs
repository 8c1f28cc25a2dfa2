namespace Registra.Tests.Support;

/// <summary>
/// The system clock moved forward by an offset that tests raise to pass deadlines, such as a
/// ballot's closing instant, without waiting. It never moves back, so ledger time stays ordered.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, duration.Ticks);
    }
}
