namespace Registra.Identities;

/// <summary>Well-known claim types. Custom types are allowed as any other lowercase name.</summary>
public static class ClaimTypes
{
    public const string Kyc = "kyc";
    public const string Aml = "aml";
    public const string Accredited = "accredited";
    public const string QualifiedPurchaser = "qualified_purchaser";

    /// <summary>Value is an ISO 3166-1 alpha-2 country code.</summary>
    public const string Jurisdiction = "jurisdiction";
    public const string UsPerson = "us_person";
    public const string Affiliate = "affiliate";
}
