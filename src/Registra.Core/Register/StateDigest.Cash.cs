using Registra.Canonical;

namespace Registra.Register;

public static partial class StateDigest
{
    /// <summary>Writes the cash ledgers and distributions, only when there are any, so older digests stay as they were.</summary>
    private static void WriteCash(CanonicalWriter writer, RegisterState state)
    {
        foreach (var ledger in state.Cash.Ledgers.Values.OrderBy(l => l.Currency, StringComparer.Ordinal))
        {
            writer.WriteString(ledger.Currency);
            writer.WriteInt128(ledger.Deposited.Units);
            writer.WriteInt128(ledger.Withdrawn.Units);
            foreach (var account in ledger.All.OrderBy(a => a.Key.Kind).ThenBy(a => a.Key.OwnerId, StringComparer.Ordinal))
            {
                writer.WriteByte((byte)account.Key.Kind);
                writer.WriteString(account.Key.OwnerId);
                writer.WriteInt128(account.Balance.Units);
            }
        }

        foreach (var distribution in state.Distributions.Values.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            writer.WriteString(distribution.Id);
            writer.WriteByte((byte)distribution.Status);
            writer.WriteInt128(distribution.Gross.Units);
            writer.WriteInt128(distribution.Withheld.Units);
            writer.WriteInt128(distribution.Unclaimed.Units);
            writer.WriteInt128(distribution.Reclaimed.Units);
            foreach (var payout in distribution.Payouts)
            {
                writer.WriteString(payout.IdentityId);
                writer.WriteInt128(payout.Gross);
                writer.WriteInt128(payout.Withheld);
                writer.WriteByte((byte)payout.Status);
            }
        }
    }
}
