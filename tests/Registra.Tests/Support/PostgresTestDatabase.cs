using Npgsql;

namespace Registra.Tests.Support;

/// <summary>
/// A fresh, empty PostgreSQL schema for one test, in the database that <c>REGISTRA_TEST_POSTGRES</c>
/// names; dropped with everything in it on dispose. <see cref="ConnectionString"/> puts the schema
/// first on the search path, so a store opened with it reads and writes only this test's tables.
/// </summary>
internal sealed class PostgresTestDatabase : IDisposable
{
    public const string ConnectionVariable = "REGISTRA_TEST_POSTGRES";

    /// <summary>Set to 1 to skip the PostgreSQL tests on a machine without the server. CI never sets it.</summary>
    public const string OptOutVariable = "REGISTRA_TEST_POSTGRES_SKIP";

    private readonly string adminConnectionString;

    public PostgresTestDatabase()
    {
        string? baseConnection = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(baseConnection))
        {
            Skip.If(Environment.GetEnvironmentVariable(OptOutVariable) == "1",
                $"{OptOutVariable}=1 is set, so the PostgreSQL store tests are skipped.");
            throw new InvalidOperationException(
                $"{ConnectionVariable} is not set, so the PostgreSQL store tests have no server. Run the tests through " +
                "'scripts/with-postgres.sh ./test.sh', which starts a throwaway PostgreSQL 15 cluster and sets it, or set " +
                $"{ConnectionVariable} to a connection string of a database you may create schemas in. To skip these tests " +
                $"on a machine without PostgreSQL, set {OptOutVariable}=1.");
        }

        SchemaName = "t_" + Guid.NewGuid().ToString("N");
        adminConnectionString = new NpgsqlConnectionStringBuilder(baseConnection) { Pooling = false }.ConnectionString;
        Execute($"CREATE SCHEMA {SchemaName}");
        ConnectionString = new NpgsqlConnectionStringBuilder(baseConnection) { SearchPath = SchemaName }.ConnectionString;
    }

    public string SchemaName { get; }

    public string ConnectionString { get; }

    /// <summary>Runs SQL in the test schema through its own connection, as a user with database access would.</summary>
    public void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new NpgsqlConnection(adminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SET search_path TO {SchemaName}; {sql}", connection);
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Reads one value in the test schema through its own connection.</summary>
    public object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(adminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SET search_path TO {SchemaName}; {sql}", connection);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        Execute($"DROP SCHEMA IF EXISTS {SchemaName} CASCADE");
    }
}
