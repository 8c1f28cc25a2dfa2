namespace Registra.CorporateActions.Distributions;

/// <summary>What a distribution pays. The numeric values are part of the event encoding.</summary>
public enum DistributionKind : byte
{
    Dividend = 1,
    Coupon = 2,
    RevenueShare = 3,
    FundDistribution = 4,

    /// <summary>Face value paid at maturity; the units are retired in the same command.</summary>
    Redemption = 5,
}

/// <summary>How the announced amount is read. The numeric values are part of the event encoding.</summary>
public enum DistributionBasis : byte
{
    /// <summary>An amount per whole unit of the security, kept to <see cref="DistributionMath.PerUnitExtraDigits"/> digits below the minor unit.</summary>
    PerUnit = 1,

    /// <summary>A total gross amount in minor units, shared in proportion to the eligible balances.</summary>
    Total = 2,
}

public enum DistributionStatus : byte
{
    Announced = 1,
    Paid = 2,
    Cancelled = 3,
}

/// <summary>Where one holder's net amount went. The numeric values are part of the event encoding.</summary>
public enum PayoutStatus : byte
{
    /// <summary>Credited to the holder's cash account at payment.</summary>
    Paid = 1,

    /// <summary>Held because the holder had no cash account in the currency at payment.</summary>
    Unclaimed = 2,

    /// <summary>Held at payment, then credited when the holder claimed it before the claim deadline.</summary>
    Claimed = 3,

    /// <summary>Held at payment, then returned to the issuer after the claim deadline.</summary>
    Reclaimed = 4,
}
