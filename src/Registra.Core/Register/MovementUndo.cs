using Registra.Amounts;
using Registra.Securities;

namespace Registra.Register;

/// <summary>
/// Records what the transfers of a batch, the trial issuances of an offering's close, or the
/// matching of one order touch before each is applied, so that a failure later can put the
/// register back exactly as it was. Each position, holder entry and counter is captured the
/// first time a leg touches it, because that first state is the one a rollback restores. A
/// batch, and the matching of one order, move one security only.
/// </summary>
internal sealed class MovementUndo(Register register)
{
    private readonly List<Action> _undo = [];
    private readonly HashSet<string> _accounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _identities = new(StringComparer.Ordinal);
    private readonly long _sequence = register.State.LastSequence;
    private readonly DateTimeOffset _timestamp = register.State.LastTimestamp;
    private bool _countsCaptured;
    private bool _supplyCaptured;

    public void Capture(string securityId, string fromAccountId, string toAccountId)
    {
        var security = register.State.Securities[securityId];
        foreach (var accountId in (ReadOnlySpan<string>)[fromAccountId, toAccountId])
        {
            if (_accounts.Add(accountId))
            {
                CapturePosition(security, accountId);
            }

            var identityId = register.State.Accounts[accountId].IdentityId;
            if (_identities.Add(identityId))
            {
                CaptureHolder(security, identityId);
            }
        }

        if (!_countsCaptured)
        {
            CaptureCounts(security);
            _countsCaptured = true;
        }
    }

    /// <summary>
    /// Captures what an issuance to the account touches: its position, its identity's holder entry,
    /// the holder counts, and the first time the supply and its history.
    /// </summary>
    public void CaptureIssuance(string securityId, string accountId)
    {
        var security = register.State.Securities[securityId];
        if (_accounts.Add(accountId))
        {
            CapturePosition(security, accountId);
        }

        var identityId = register.State.Accounts[accountId].IdentityId;
        if (_identities.Add(identityId))
        {
            CaptureHolder(security, identityId);
        }

        if (!_countsCaptured)
        {
            CaptureCounts(security);
            _countsCaptured = true;
        }

        if (!_supplyCaptured)
        {
            var supply = security.Supply;
            var history = security.SupplyHistory.Mark();
            _undo.Add(() =>
            {
                security.Supply = supply;
                security.SupplyHistory.Restore(history);
            });
            _supplyCaptured = true;
        }
    }

    public void Rollback()
    {
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            _undo[i]();
        }

        register.State.LastSequence = _sequence;
        register.State.LastTimestamp = _timestamp;
    }

    private void CapturePosition(SecurityState security, string accountId)
    {
        if (!security.Positions.TryGetValue(accountId, out var position))
        {
            _undo.Add(() => security.Positions.Remove(accountId));
            return;
        }

        var balance = position.Balance;
        var frozen = position.Frozen;
        var held = position.Held;
        var isFrozen = position.IsFrozen;
        var lots = new List<Lot>(position.Lots);
        var history = position.History.Mark();
        _undo.Add(() =>
        {
            position.Balance = balance;
            position.Frozen = frozen;
            position.Held = held;
            position.IsFrozen = isFrozen;
            position.Lots = lots;
            position.History.Restore(history);
        });
    }

    private void CaptureHolder(SecurityState security, string identityId)
    {
        var entry = security.Holders.GetValueOrDefault(identityId);
        var total = security.TotalOf(identityId);
        var outflows = security.Outflows.TryGetValue(identityId, out var queue) ? queue.ToArray() : null;
        _undo.Add(() =>
        {
            RestoreEntry(security, identityId, entry, total);
            security.Outflows.Remove(identityId);
            if (outflows is not null)
            {
                security.Outflows[identityId] = new Queue<(DateTimeOffset At, Amount Amount)>(outflows);
            }
        });
    }

    private void CaptureCounts(SecurityState security)
    {
        var byCountry = new Dictionary<string, int>(security.HoldersByCountry);
        var nonAccredited = security.NonAccreditedHolders;
        _undo.Add(() =>
        {
            security.HoldersByCountry.Clear();
            foreach (var (country, count) in byCountry)
            {
                security.HoldersByCountry[country] = count;
            }

            security.NonAccreditedHolders = nonAccredited;
        });
    }

    private static void RestoreEntry(SecurityState security, string identityId, HolderEntry? entry, Amount total)
    {
        if (entry is null)
        {
            security.UnlistHolder(identityId);
            return;
        }

        entry.Total = total;
        security.ListHolder(identityId, entry);
    }
}
