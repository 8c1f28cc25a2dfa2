namespace Registra.Market.Offerings;

/// <summary>What one subscriber got at close, in smallest units of the security and minor units of the currency.</summary>
/// <param name="Requested">Units the subscription requested.</param>
/// <param name="Allocated">Units issued to the account.</param>
/// <param name="Paid">Minor units paid to the issuer for the allocated units.</param>
/// <param name="Refund">Minor units returned to the identity's cash account.</param>
/// <param name="Reason">For <see cref="AllocationOutcome.Ineligible"/>, the reason code of the first rule the issuance failed; empty otherwise.</param>
public sealed record OfferingAllocation(
    string IdentityId,
    string AccountId,
    Int128 Requested,
    Int128 Allocated,
    Int128 Paid,
    Int128 Refund,
    AllocationOutcome Outcome,
    string Reason);

/// <summary>How a subscription ended at close. The numeric values are part of the event encoding.</summary>
public enum AllocationOutcome : byte
{
    /// <summary>Received all or part of the quantity requested.</summary>
    Allocated = 1,

    /// <summary>The pro rata share was below the minimum per investor, so nothing was allocated.</summary>
    BelowMinimum = 2,

    /// <summary>The issuance failed a compliance rule at close, so everything was refunded.</summary>
    Ineligible = 3,

    /// <summary>The offering did not reach its minimum raise, so everything was refunded.</summary>
    MinimumRaiseNotMet = 4,
}
