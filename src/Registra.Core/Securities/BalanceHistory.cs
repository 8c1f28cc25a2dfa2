using Registra.Amounts;

namespace Registra.Securities;

/// <summary>
/// Every balance a position or a supply has had, keyed by the ledger timestamp of the
/// change. Timestamps only grow, so a read at an instant is a binary search; several
/// changes at one timestamp keep only the last balance.
/// </summary>
public sealed class BalanceHistory
{
    private long[] _ticks = new long[2];
    private Int128[] _balances = new Int128[2];
    private int _count;

    public int Count => _count;

    /// <summary>Returns the balance in effect at the instant: the last change with timestamp &lt;= it.</summary>
    public Amount At(DateTimeOffset instant)
    {
        var index = Array.BinarySearch(_ticks, 0, _count, instant.UtcTicks);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return index < 0 ? Amount.Zero : new Amount(_balances[index]);
    }

    /// <summary>Records the balance after a change at the instant, which must not precede the last one.</summary>
    public void Record(DateTimeOffset instant, Amount balance)
    {
        var ticks = instant.UtcTicks;
        if (_count > 0 && _ticks[_count - 1] == ticks)
        {
            _balances[_count - 1] = balance.Units;
            return;
        }

        if (_count > 0 && _ticks[_count - 1] > ticks)
        {
            throw new InvalidOperationException("Balance history must be recorded in timestamp order.");
        }

        if (_count == _ticks.Length)
        {
            Array.Resize(ref _ticks, _count * 2);
            Array.Resize(ref _balances, _count * 2);
        }

        _ticks[_count] = ticks;
        _balances[_count] = balance.Units;
        _count++;
    }

    /// <summary>Captures the current end so a rolled-back change can be undone exactly.</summary>
    internal (int Count, long Ticks, Int128 Balance) Mark() =>
        _count == 0 ? (0, 0, Int128.Zero) : (_count, _ticks[_count - 1], _balances[_count - 1]);

    internal void Restore((int Count, long Ticks, Int128 Balance) mark)
    {
        _count = mark.Count;
        if (_count > 0)
        {
            _ticks[_count - 1] = mark.Ticks;
            _balances[_count - 1] = mark.Balance;
        }
    }

    /// <summary>
    /// The history at this moment, for a reader on another thread while this one keeps recording.
    /// Recording rewrites only the last entry in place (a change at the same instant, or an undo)
    /// and grows into new arrays. The captured arrays therefore keep every entry before the last
    /// one unchanged, and the last entry is copied.
    /// </summary>
    internal HistoryCapture Capture() => _count == 0
        ? new HistoryCapture([], [], 0, 0, Int128.Zero)
        : new HistoryCapture(_ticks, _balances, _count, _ticks[_count - 1], _balances[_count - 1]);

    /// <summary>Recorded instants in UTC ticks, strictly increasing, for snapshots.</summary>
    internal ReadOnlySpan<long> Ticks => _ticks.AsSpan(0, _count);

    /// <summary>Balances in smallest units, one per entry of <see cref="Ticks"/>.</summary>
    internal ReadOnlySpan<Int128> Balances => _balances.AsSpan(0, _count);

    /// <summary>
    /// Replaces the history with the first <paramref name="count"/> entries of the arrays and takes
    /// ownership of them. Used when a snapshot is loaded.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The arrays differ in length, hold fewer than two slots or fewer than the count, or the ticks do not strictly increase.
    /// </exception>
    internal void Load(long[] ticks, Int128[] balances, int count)
    {
        // Record grows both arrays together by doubling, so they must match and hold at least two slots.
        if (ticks.Length != balances.Length || ticks.Length < 2 || count < 0 || count > ticks.Length)
        {
            throw new ArgumentException(
                $"Balance history of {count} entries cannot use arrays of {ticks.Length} ticks and {balances.Length} balances.");
        }

        for (var i = 1; i < count; i++)
        {
            if (ticks[i] <= ticks[i - 1])
            {
                throw new ArgumentException($"Balance history ticks must strictly increase, but entry {i} is {ticks[i]} after {ticks[i - 1]}.");
            }
        }

        _ticks = ticks;
        _balances = balances;
        _count = count;
    }

    /// <summary>Approximate bytes held, for memory reports.</summary>
    public long AllocatedBytes => (_ticks.LongLength * sizeof(long)) + (_balances.LongLength * 16);
}

/// <summary>
/// A balance history frozen at one moment by <see cref="BalanceHistory.Capture"/>: the entries
/// before the last are read from the arrays, which recording no longer changes there, and the
/// last entry is held here.
/// </summary>
internal readonly record struct HistoryCapture(long[] Ticks, Int128[] Balances, int Count, long LastTicks, Int128 LastBalance);

