using Registra.Amounts;
using Registra.Securities;

namespace Registra.Register;

/// <summary>
/// Records what the transfers of a batch touch before each is applied, so that a failure
/// later in the batch can put the register back exactly as it was.
/// </summary>
internal sealed class MovementUndo(Register register)
{
    private readonly List<Action> _undo = [];
    private readonly long _sequence = register.State.LastSequence;
    private readonly DateTimeOffset _timestamp = register.State.LastTimestamp;

    public void Capture(string securityId, string fromAccountId, string toAccountId)
    {
        var security = register.State.Securities[securityId];
        CapturePosition(security, fromAccountId);
        CapturePosition(security, toAccountId);
        CaptureHolders(security, fromAccountId, toAccountId);
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
        var isFrozen = position.IsFrozen;
        var lots = new List<Lot>(position.Lots);
        var history = position.History.Mark();
        _undo.Add(() =>
        {
            position.Balance = balance;
            position.Frozen = frozen;
            position.IsFrozen = isFrozen;
            position.Lots = lots;
            position.History.Restore(history);
        });
    }

    private void CaptureHolders(SecurityState security, string fromAccountId, string toAccountId)
    {
        var accounts = register.State.Accounts;
        var identities = new[] { accounts[fromAccountId].IdentityId, accounts[toAccountId].IdentityId };
        var byCountry = new Dictionary<string, int>(security.HoldersByCountry);
        var nonAccredited = security.NonAccreditedHolders;
        var entries = identities.Distinct()
            .Select(id => (Id: id, Entry: security.Holders.GetValueOrDefault(id), Total: security.TotalOf(id)))
            .ToList();
        var outflows = identities.Distinct()
            .Where(security.Outflows.ContainsKey)
            .Select(id => (Id: id, Items: security.Outflows[id].ToArray()))
            .ToList();
        _undo.Add(() =>
        {
            foreach (var (id, entry, total) in entries)
            {
                RestoreEntry(security, id, entry, total);
            }

            security.HoldersByCountry.Clear();
            foreach (var (country, count) in byCountry)
            {
                security.HoldersByCountry[country] = count;
            }

            security.NonAccreditedHolders = nonAccredited;
            foreach (var identityId in identities)
            {
                security.Outflows.Remove(identityId);
            }

            foreach (var (id, items) in outflows)
            {
                security.Outflows[id] = new Queue<(DateTimeOffset At, Amount Amount)>(items);
            }
        });
    }

    private static void RestoreEntry(SecurityState security, string identityId, HolderEntry? entry, Amount total)
    {
        if (entry is null)
        {
            security.Holders.Remove(identityId);
            return;
        }

        entry.Total = total;
        security.Holders[identityId] = entry;
    }
}
