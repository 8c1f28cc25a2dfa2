using Registra.Ledger;
using Registra.Ledger.Engine;

namespace Registra.Api.Hosting;

/// <summary>
/// Opens a second connection to the journal file for API key records, so key changes from request
/// threads never share the engine's single writer connection. SQLite serialises the two writers.
/// </summary>
internal static class KeyStore
{
    public static IJournalStore Open(string dataDirectory) =>
        SqliteJournalStore.Open(Path.Combine(dataDirectory, LedgerEngine.JournalFileName));
}
