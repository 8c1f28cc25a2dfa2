using Registra.Amounts;

namespace Registra.Market.Offerings;

/// <summary>
/// What an offering sells and on what conditions. Quantities are in the security's smallest
/// units and are multiples of <see cref="LotSize"/>; money is in minor units of <see cref="Currency"/>.
/// </summary>
/// <param name="Price">Minor units per whole unit of the security. Lot size times price is a whole number of minor units.</param>
/// <param name="Cap">Units on offer; no more are ever allocated.</param>
/// <param name="MinimumRaise">Minor units the allocations must be worth at close, or every subscription is refunded; null for none.</param>
/// <param name="OpensAt">First instant that takes subscriptions.</param>
/// <param name="ClosesAt">First instant that no longer takes them; the agent may close from then on.</param>
public sealed record OfferingTerms(
    string Id,
    string SecurityId,
    string Currency,
    Amount Price,
    Amount LotSize,
    Amount MinPerInvestor,
    Amount MaxPerInvestor,
    Amount Cap,
    Amount? MinimumRaise,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt);
