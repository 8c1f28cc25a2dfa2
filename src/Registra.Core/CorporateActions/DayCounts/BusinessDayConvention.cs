namespace Registra.CorporateActions.DayCounts;

/// <summary>How a payment date on a weekend moves. Interest always accrues to the unadjusted date.</summary>
public enum BusinessDayConvention
{
    /// <summary>The payment date is the period end date, even on a weekend.</summary>
    Unadjusted,

    /// <summary>The next Monday.</summary>
    Following,

    /// <summary>The next Monday, unless that is in the next month; then the Friday before.</summary>
    ModifiedFollowing,
}
