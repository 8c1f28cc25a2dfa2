using Registra.Amounts;
using Registra.Canonical;
using Registra.Cash;
using Registra.CorporateActions.Distributions;

namespace Registra.Register;

public static partial class StateSnapshot
{
    private static readonly CashOwnerKind[] OwnerKinds = [CashOwnerKind.Identity, CashOwnerKind.Issuer, CashOwnerKind.IssuerTax];

    private static void WriteCash(CanonicalWriter writer, RegisterState state)
    {
        writer.WriteLength(state.Cash.Ledgers.Count);
        foreach (var ledger in state.Cash.Ledgers.Values.OrderBy(l => l.Currency, StringComparer.Ordinal))
        {
            writer.WriteString(ledger.Currency);
            writer.WriteInt32(ledger.MinorUnits);
            writer.WriteInt128(ledger.Deposited.Units);
            writer.WriteInt128(ledger.Withdrawn.Units);
            foreach (var kind in OwnerKinds)
            {
                var accounts = ledger.AccountsOf(kind);
                writer.WriteLength(accounts.Count);
                foreach (var account in accounts.Values.OrderBy(a => a.Key.OwnerId, StringComparer.Ordinal))
                {
                    writer.WriteString(account.Key.OwnerId);
                    writer.WriteInstant(account.OpenedAt);
                    writer.WriteInt128(account.Balance.Units);
                }
            }
        }
    }

    private static void WriteDistributions(CanonicalWriter writer, RegisterState state)
    {
        writer.WriteLength(state.Distributions.Count);
        foreach (var distribution in state.Distributions.Values.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            var terms = distribution.Terms;
            new DistributionAnnounced(terms.Id, terms.SecurityId, terms.Kind, terms.Currency, terms.Basis, terms.Amount, terms.RecordAt,
                terms.PaymentAt, terms.ClaimUntil, terms.Withholding.DefaultPpm, terms.Withholding.ByJurisdiction, terms.Withholding.ByIdentity,
                terms.Excluded, terms.Reference).Write(writer);
            writer.WriteString(distribution.IssuerId);
            writer.WriteInstant(distribution.AnnouncedAt);
            writer.WriteByte((byte)distribution.Status);
            writer.WriteOptionalInstant(distribution.PaidAt);
            foreach (var total in Totals(distribution))
            {
                writer.WriteInt128(total.Units);
            }

            new DistributionPayoutsRecorded(terms.Id, terms.SecurityId, distribution.Payouts).Write(writer);
        }
    }

    private static Amount[] Totals(DistributionState d) =>
        [d.EligibleUnits, d.Gross, d.Withheld, d.NetPaid, d.UnclaimedAtPayment, d.Unclaimed, d.Claimed, d.Reclaimed];

    private ref partial struct BodyReader
    {
        private void ReadCash(RegisterState state)
        {
            var ledgers = ReadCount();
            for (var i = 0; i < ledgers; i++)
            {
                var currency = _reader.ReadString();
                var minorUnits = _reader.ReadInt32();
                if (state.Cash.Ledgers.ContainsKey(currency))
                {
                    throw Duplicate("cash ledger", currency);
                }

                var deposited = new Amount(_reader.ReadInt128());
                var withdrawn = new Amount(_reader.ReadInt128());
                foreach (var kind in OwnerKinds)
                {
                    var accounts = ReadCount();
                    for (var j = 0; j < accounts; j++)
                    {
                        var key = new CashAccountKey(kind, _reader.ReadString(), currency);
                        if (state.Cash.Find(key) is not null)
                        {
                            throw Duplicate("cash account", key.ToString());
                        }

                        state.Cash.Open(key, minorUnits, _reader.ReadInstant()).Balance = new Amount(_reader.ReadInt128());
                    }
                }

                // A ledger without accounts is never written, because the first account opens it.
                var ledger = state.Cash.Ledgers.GetValueOrDefault(currency)
                    ?? throw new InvalidDataException($"The register snapshot has a cash ledger {currency} without accounts.");
                ledger.Deposited = deposited;
                ledger.Withdrawn = withdrawn;
            }
        }

        private void ReadDistributions(RegisterState state)
        {
            var count = ReadCount();
            for (var i = 0; i < count; i++)
            {
                var announced = DistributionAnnounced.Read(ref _reader);
                var distribution = new DistributionState(announced.ToTerms(), _reader.ReadString(), _reader.ReadInstant())
                {
                    Status = ReadEnum<DistributionStatus>("distribution status"),
                    PaidAt = _reader.ReadOptionalInstant(),
                    EligibleUnits = new Amount(_reader.ReadInt128()),
                    Gross = new Amount(_reader.ReadInt128()),
                    Withheld = new Amount(_reader.ReadInt128()),
                    NetPaid = new Amount(_reader.ReadInt128()),
                    UnclaimedAtPayment = new Amount(_reader.ReadInt128()),
                    Unclaimed = new Amount(_reader.ReadInt128()),
                    Claimed = new Amount(_reader.ReadInt128()),
                    Reclaimed = new Amount(_reader.ReadInt128()),
                };
                distribution.Payouts.AddRange(DistributionPayoutsRecorded.Read(ref _reader).Payouts);
                AddUnique(state.Distributions, distribution.Id, distribution, "distribution");
            }
        }
    }
}
