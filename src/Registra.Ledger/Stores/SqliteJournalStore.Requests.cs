using Microsoft.Data.Sqlite;
using Registra.Ledger.Requests;

namespace Registra.Ledger;

public sealed partial class SqliteJournalStore
{
    /// <inheritdoc/>
    void IRequestLog.Append(SealedBlock block, RequestLogBatch requests) => Append(block, requests);

    /// <inheritdoc/>
    public void Save(RequestLogBatch requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        SqliteConnection connection = RequireWriteConnection();
        try
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            WriteRequests(requests, transaction);
            transaction.Commit();
        }
        catch (SqliteException ex)
        {
            throw new IOException($"Failed to store request records in journal '{path}': {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public StoredRequest? Find(byte[] keyHash)
    {
        ArgumentNullException.ThrowIfNull(keyHash);
        using SqliteConnection connection = OpenReadConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT fingerprint, first_sequence, status, headers, body, created_at FROM requests WHERE key_hash = $key_hash";
        command.Parameters.AddWithValue("$key_hash", keyHash);

        using SqliteDataReader row = command.ExecuteReader();
        if (!row.Read())
        {
            return null;
        }

        return new StoredRequest(
            (byte[])row.GetValue(0),
            row.IsDBNull(1) ? null : row.GetInt64(1),
            row.IsDBNull(2) ? null : row.GetInt32(2),
            row.IsDBNull(3) ? [] : RequestColumns.DecodeHeaders(row.GetString(3)),
            row.IsDBNull(4) ? null : (byte[])row.GetValue(4),
            RequestColumns.FromMicroseconds(row.GetInt64(5)));
    }

    /// <inheritdoc/>
    public int DeleteCreatedBefore(DateTimeOffset cutoff)
    {
        RequireWriteConnection();
        SqliteCommand delete = writeCommands!.DeleteRequests;
        delete.Transaction = null;
        delete.Parameters["$cutoff"].Value = RequestColumns.ToMicroseconds(cutoff);
        return delete.ExecuteNonQuery();
    }

    private void WriteRequests(RequestLogBatch requests, SqliteTransaction transaction)
    {
        SqliteCommand insert = writeCommands!.InsertApplied;
        insert.Transaction = transaction;
        foreach (AppliedRequest applied in requests.Applied)
        {
            insert.Parameters["$key_hash"].Value = applied.Tag.KeyHash;
            insert.Parameters["$fingerprint"].Value = applied.Tag.Fingerprint;
            insert.Parameters["$first_sequence"].Value = applied.FirstSequence;
            insert.Parameters["$created_at"].Value = RequestColumns.ToMicroseconds(applied.At);
            insert.ExecuteNonQuery();
        }

        SqliteCommand upsert = writeCommands.UpsertResponse;
        upsert.Transaction = transaction;
        foreach (RequestResponse response in requests.Responses)
        {
            upsert.Parameters["$key_hash"].Value = response.Tag.KeyHash;
            upsert.Parameters["$fingerprint"].Value = response.Tag.Fingerprint;
            upsert.Parameters["$status"].Value = response.StatusCode;
            upsert.Parameters["$headers"].Value = RequestColumns.EncodeHeaders(response.Headers);
            upsert.Parameters["$body"].Value = response.Body;
            upsert.Parameters["$created_at"].Value = RequestColumns.ToMicroseconds(response.At);
            upsert.ExecuteNonQuery();
        }
    }
}
