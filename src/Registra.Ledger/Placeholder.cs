namespace Registra.Ledger; internal static class Placeholder { }
