namespace Registra.CorporateActions.StockEvents;

public enum StockEventKind
{
    Split,
    StockDividend,
}
