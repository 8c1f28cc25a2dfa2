using Registra.Amounts;
using Registra.Canonical;
using Registra.Events;
using Registra.Register;

namespace Registra.Market.Offerings;

/// <summary>
/// The offerings section of a register snapshot and of the state digest: every offering in ordinal
/// id order with its terms, totals, open subscriptions by identity id, and allocations as recorded.
/// </summary>
internal static class OfferingSnapshot
{
    public static void Write(CanonicalWriter writer, MarketState market)
    {
        writer.WriteLength(market.Offerings.Count);
        foreach (var offering in market.Offerings.Values.OrderBy(o => o.Id, StringComparer.Ordinal))
        {
            var terms = offering.Terms;
            new OfferingOpened(terms.Id, terms.SecurityId, terms.Currency, terms.Price.Units, terms.LotSize.Units, terms.MinPerInvestor.Units,
                terms.MaxPerInvestor.Units, terms.Cap.Units, terms.MinimumRaise?.Units, terms.OpensAt, terms.ClosesAt, offering.OpenedBy).Write(writer);
            writer.WriteInstant(offering.OpenedAt);
            writer.WriteByte((byte)offering.Status);
            writer.WriteInt64(offering.NextPriority);
            writer.WriteInt128(offering.Escrow.Units);
            writer.WriteInt128(offering.Subscribed.Units);
            writer.WriteOptionalInstant(offering.EndedAt);
            writer.WriteBool(offering.ClosedEarly);
            writer.WriteOptionalString(offering.EndedBy);
            writer.WriteInt128(offering.Allocated.Units);
            writer.WriteInt128(offering.Raised.Units);
            writer.WriteInt128(offering.Refunded.Units);
            writer.WriteInt32(offering.SubscriberCount);

            writer.WriteLength(offering.Subscriptions.Count);
            foreach (var subscription in offering.Subscriptions.Values.OrderBy(s => s.IdentityId, StringComparer.Ordinal))
            {
                writer.WriteString(subscription.IdentityId);
                writer.WriteString(subscription.AccountId);
                writer.WriteInt128(subscription.Quantity.Units);
                writer.WriteInt128(subscription.Cash.Units);
                writer.WriteInt64(subscription.Priority);
            }

            new OfferingAllocationsRecorded(terms.Id, terms.SecurityId, offering.Allocations).Write(writer);
        }
    }

    /// <summary>Reads the section into <paramref name="state"/>, whose securities and accounts are already read.</summary>
    public static void Read(ref CanonicalReader reader, RegisterState state)
    {
        var count = reader.ReadLength();
        for (var i = 0; i < count; i++)
        {
            var opened = OfferingOpened.Read(ref reader);
            if (!state.Securities.ContainsKey(opened.SecurityId))
            {
                throw new InvalidDataException($"The register snapshot has offering '{opened.OfferingId}' of unknown security '{opened.SecurityId}'.");
            }

            var offering = new Offering(opened.ToTerms(), opened.OpenedBy, reader.ReadInstant());
            var status = (OfferingStatus)reader.ReadByte();
            offering.Status = Enum.IsDefined(status) ? status : throw new InvalidDataException($"The register snapshot has unknown offering status {(byte)status}.");
            offering.NextPriority = reader.ReadInt64();
            offering.Escrow = new Amount(reader.ReadInt128());
            offering.Subscribed = new Amount(reader.ReadInt128());
            offering.EndedAt = reader.ReadOptionalInstant();
            offering.ClosedEarly = reader.ReadBool();
            offering.EndedBy = reader.ReadOptionalString();
            offering.Allocated = new Amount(reader.ReadInt128());
            offering.Raised = new Amount(reader.ReadInt128());
            offering.Refunded = new Amount(reader.ReadInt128());
            offering.SubscriberCount = reader.ReadInt32();

            var subscriptions = reader.ReadLength();
            for (var j = 0; j < subscriptions; j++)
            {
                var subscription = new Subscription(reader.ReadString(), reader.ReadString(), new Amount(reader.ReadInt128()),
                    new Amount(reader.ReadInt128()), reader.ReadInt64());
                if (!state.Accounts.ContainsKey(subscription.AccountId) || !offering.Subscriptions.TryAdd(subscription.IdentityId, subscription))
                {
                    throw new InvalidDataException($"The register snapshot has a duplicate subscription of '{subscription.IdentityId}' or one for an unknown account in offering '{offering.Id}'.");
                }
            }

            offering.Allocations.AddRange(OfferingAllocationsRecorded.Read(ref reader).Allocations);
            if (!state.Market.Offerings.TryAdd(offering.Id, offering))
            {
                throw new InvalidDataException($"The register snapshot lists offering '{offering.Id}' twice.");
            }
        }
    }
}
