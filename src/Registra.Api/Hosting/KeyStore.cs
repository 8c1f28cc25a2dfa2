using Registra.Ledger;

namespace Registra.Api.Hosting;

/// <summary>
/// Opens a second connection to the journal for API key records, so key changes from request
/// threads never share the engine's single writer connection. SQLite serialises the two writers,
/// and on PostgreSQL the key records are plain rows beside the blocks.
/// </summary>
internal static class KeyStore
{
    public static IJournalStore Open(JournalLocation journal) => journal.Open();
}
