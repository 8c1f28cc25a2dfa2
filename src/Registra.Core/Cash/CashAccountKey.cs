namespace Registra.Cash;

/// <summary>Names one cash account: the owner and the ISO 4217 currency code it is kept in.</summary>
public readonly record struct CashAccountKey(CashOwnerKind Kind, string OwnerId, string Currency)
{
    public static CashAccountKey OfIdentity(string identityId, string currency) => new(CashOwnerKind.Identity, identityId, currency);

    public static CashAccountKey OfIssuer(string issuerId, string currency) => new(CashOwnerKind.Issuer, issuerId, currency);

    public static CashAccountKey OfIssuerTax(string issuerId, string currency) => new(CashOwnerKind.IssuerTax, issuerId, currency);

    /// <summary>A readable form such as "identity alice USD", for messages.</summary>
    public override string ToString() => $"{KindName(Kind)} {OwnerId} {Currency}";

    /// <summary>The snake_case name the API and messages use for the kind.</summary>
    public static string KindName(CashOwnerKind kind) => kind switch
    {
        CashOwnerKind.Identity => "identity",
        CashOwnerKind.Issuer => "issuer",
        CashOwnerKind.IssuerTax => "issuer_tax",
        _ => kind.ToString(),
    };
}
