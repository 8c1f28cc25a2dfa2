using Npgsql;
using Registra.Ledger;

namespace Registra.Benchmarks.Macro;

/// <summary>
/// New schemas for one benchmark run on PostgreSQL: the engine's journal, the naive baseline's tables
/// and the journal of the follower-lag run. They are dropped on dispose unless the run keeps its data.
/// </summary>
internal sealed class BenchSchemas : IDisposable
{
    private readonly string adminConnectionString;
    private readonly bool keep;

    private BenchSchemas(string adminConnectionString, string prefix, bool keep)
    {
        this.adminConnectionString = adminConnectionString;
        this.keep = keep;
        EngineSchema = prefix + "_engine";
        NaiveSchema = prefix + "_naive";
        FollowedSchema = prefix + "_followed";
        Description = PostgresJournalStore.Describe(adminConnectionString);
        EngineConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { SearchPath = EngineSchema }.ConnectionString;
        NaiveConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { SearchPath = NaiveSchema }.ConnectionString;
        FollowedConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { SearchPath = FollowedSchema }.ConnectionString;
    }

    public string EngineSchema { get; }

    public string NaiveSchema { get; }

    public string FollowedSchema { get; }

    public string EngineConnectionString { get; }

    public string FollowedConnectionString { get; }

    public string NaiveConnectionString { get; }

    /// <summary>The server and database, without the password.</summary>
    public string Description { get; }

    /// <param name="store">Connection string or postgres:// URL of a database where the run may create schemas.</param>
    public static BenchSchemas Create(string store, bool keep)
    {
        string connectionString = JournalLocation.Postgres(store).PostgresConnectionString!;
        var schemas = new BenchSchemas(connectionString, "registra_bench_" + Guid.NewGuid().ToString("N")[..12], keep);
        schemas.Execute($"CREATE SCHEMA {schemas.EngineSchema}; CREATE SCHEMA {schemas.NaiveSchema}; CREATE SCHEMA {schemas.FollowedSchema};");
        return schemas;
    }

    public void Dispose()
    {
        if (!keep)
        {
            Execute($"DROP SCHEMA {EngineSchema} CASCADE; DROP SCHEMA {NaiveSchema} CASCADE; DROP SCHEMA {FollowedSchema} CASCADE;");
        }
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(adminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
