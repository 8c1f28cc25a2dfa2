namespace Registra.CorporateActions.DayCounts;

/// <summary>How the year fraction of an interest period is counted.</summary>
public enum DayCountConvention
{
    /// <summary>
    /// 30/360 Bond Basis, as in section 4.16(f) of the 2006 ISDA Definitions. A start date on the 31st
    /// counts as the 30th. An end date on the 31st counts as the 30th when the start date is then the 30th.
    /// February is not adjusted.
    /// </summary>
    Thirty360,

    /// <summary>30E/360 (Eurobond Basis), section 4.16(g) of the 2006 ISDA Definitions: any 31st counts as the 30th.</summary>
    Thirty360European,

    /// <summary>Actual days divided by 360.</summary>
    Actual360,

    /// <summary>Actual days divided by 365, also in leap years.</summary>
    Actual365Fixed,

    /// <summary>
    /// Actual/Actual ICMA (ICMA Rule 251): the actual days of the period divided by the frequency times
    /// the actual days of the regular coupon period around them, so a regular period is exactly
    /// 1/frequency. Irregular periods are split over the regular periods they overlap.
    /// </summary>
    ActualActualIcma,
}
