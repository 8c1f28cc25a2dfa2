using System.Collections.Frozen;

namespace Registra.Identifiers;

/// <summary>
/// ISIN prefixes that are not assigned ISO 3166-1 country codes but appear on issued ISINs.
/// </summary>
/// <remarks>
/// ISO 6166 normally uses the country code of the issuer or of the numbering agency as the
/// prefix. The exceptions accepted here are these:
/// XS is for international securities numbered by Euroclear and Clearstream.
/// EU is for securities issued by institutions of the European Union.
/// EZ is for OTC derivatives numbered by the ANNA Derivatives Service Bureau.
/// XA, XB, XC and XD are for substitute numbering agencies (CUSIP Global Services, NSD Russia,
/// WM Datenservice and SIX Financial Information).
/// AN is the Netherlands Antilles, whose code ISO 3166-1 withdrew in 2010. ISINs issued under
/// it before then are still outstanding.
/// </remarks>
internal static class IsinPrefixes
{
    // NOTE: XF is accepted because published ISINs use it (XF0000C14922), but what XF is
    // assigned to is unverified. Other withdrawn country codes such as CS are rejected.
    private static readonly FrozenSet<string> NonCountry =
        new[] { "AN", "EU", "EZ", "XA", "XB", "XC", "XD", "XF", "XS" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Returns whether an upper-case prefix may start an ISIN.</summary>
    public static bool IsRecognized(string prefix) =>
        NonCountry.Contains(prefix) || CountryCodeTable.IsAssigned(prefix);

    /// <summary>The non-country prefixes, sorted, for error messages.</summary>
    public static string NonCountryList { get; } = string.Join(", ", NonCountry.Order(StringComparer.Ordinal));
}
