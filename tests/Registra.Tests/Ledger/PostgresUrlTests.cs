using Npgsql;
using Registra.Ledger;

namespace Registra.Tests.Ledger;

public sealed class PostgresUrlTests
{
    [Fact]
    public void ToConnectionString_ReadsEveryPart()
    {
        var builder = new NpgsqlConnectionStringBuilder(
            PostgresUrl.ToConnectionString("postgresql://reg%40istra:p%3Ass@db.example:6543/ledger%20one?sslmode=require&application_name=node+1&search_path=registra"));

        Assert.Equal("reg@istra", builder.Username);
        Assert.Equal("p:ss", builder.Password);
        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("ledger one", builder.Database);
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal("node 1", builder.ApplicationName);
        Assert.Equal("registra", builder.SearchPath);
    }

    [Theory]
    [InlineData("postgres://registra@%2Frun%2Fpostgresql/registra", "/run/postgresql", 5432)]
    [InlineData("postgres://registra@[::1]:5433/registra", "::1", 5433)]
    [InlineData("postgres:///registra?host=/tmp/pg&port=5434", "/tmp/pg", 5434)]
    public void ToConnectionString_HostForms(string url, string host, int port)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString(url));

        Assert.Equal(host, builder.Host);
        Assert.Equal(port, builder.Port);
        Assert.Equal("registra", builder.Database);
    }

    [Theory]
    [InlineData("postgres://u:secret@host:0/db", "port '0'")]
    [InlineData("postgres://u:secret@host/db?target_session_attrs=any", "'target_session_attrs' ")]
    [InlineData("postgres://u:secret@[::1/db", "no closing ']'")]
    public void ToConnectionString_BadUrlRejectedWithoutPassword(string url, string expected)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => PostgresUrl.ToConnectionString(url));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Theory]
    [InlineData("journal.db", "is not a PostgreSQL connection string")]
    [InlineData("Database=registra", "has no Host")]
    [InlineData("Host=h;Colour=blue", "is invalid")]
    public void JournalLocation_BadStoreRejected(string store, string expected)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => JournalLocation.Parse(store, "data"));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void JournalLocation_NoStoreIsSqliteInFolder()
    {
        JournalLocation location = JournalLocation.Parse(null, "data");

        Assert.False(location.IsPostgres);
        Assert.Equal(Path.Combine(Path.GetFullPath("data"), "journal.db"), location.SqlitePath);
    }
}
