using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Registra.Api.Operations;
using Registra.Ledger.Engine;

namespace Registra.Api.Hosting;

/// <summary>
/// Wakes a follower as soon as the writer appends a block to the PostgreSQL journal, through the
/// <c>registra_blocks</c> notification the store's insert trigger sends. The follower also polls
/// every <see cref="EngineOptions.FollowInterval"/>, so a lost notification only delays it.
/// </summary>
internal sealed class PostgresAppendListener(string connectionString, LedgerEngine engine, ILogger<PostgresAppendListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && engine.Role == NodeRole.Follower)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException exception)
            {
                OperationsLog.AppendListenerFailed(logger, exception);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, _) => engine.NotifyAppended();
        await using (var listen = new NpgsqlCommand("LISTEN registra_blocks", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // A promoted node stops listening: the writer has nothing to follow.
        while (engine.Role == NodeRole.Follower)
        {
            await connection.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
        }
    }
}
