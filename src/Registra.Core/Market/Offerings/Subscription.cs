using Registra.Amounts;

namespace Registra.Market.Offerings;

/// <summary>
/// One investor's open subscription: the account that receives the units, the quantity asked
/// for, and the cash moved into the offering's escrow for it (quantity times price).
/// </summary>
/// <param name="Priority">Place in the queue: smaller is earlier. It breaks ties of the pro rata rounding.</param>
public sealed record Subscription(string IdentityId, string AccountId, Amount Quantity, Amount Cash, long Priority);
