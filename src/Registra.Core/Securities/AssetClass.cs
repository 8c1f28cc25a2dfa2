namespace Registra.Securities;

public enum AssetClass
{
    Equity,
    Debt,
    FundUnit,
    RealEstate,
    Other,
}
