namespace Registra.Cash;

/// <summary>Who a cash account belongs to. The numeric values are part of the event encoding.</summary>
public enum CashOwnerKind : byte
{
    /// <summary>An investor or entity registered as an identity.</summary>
    Identity = 1,

    /// <summary>An issuer's operating account, which funds its distributions and redemptions.</summary>
    Issuer = 2,

    /// <summary>An issuer's tax account, which collects the tax withheld from its distributions.</summary>
    IssuerTax = 3,
}
