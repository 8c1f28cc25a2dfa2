namespace Registra.Ledger.Requests;

/// <summary>
/// Request records to store in one transaction: requests whose commands were accepted in the block
/// being appended, and responses sent since the last write.
/// </summary>
public sealed class RequestLogBatch
{
    public List<AppliedRequest> Applied { get; } = [];

    public List<RequestResponse> Responses { get; } = [];

    public bool IsEmpty => Applied.Count == 0 && Responses.Count == 0;

    public void Clear()
    {
        Applied.Clear();
        Responses.Clear();
    }
}

/// <summary>A request whose first accepted command produced events from <see cref="FirstSequence"/> on.</summary>
public sealed record AppliedRequest(RequestTag Tag, long FirstSequence, int EventCount, DateTimeOffset At);

/// <summary>The response sent to a request, kept so that a retry with the same key gets it again.</summary>
/// <param name="Headers">Response headers to send again, as name and value pairs.</param>
public sealed record RequestResponse(
    RequestTag Tag,
    int StatusCode,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    DateTimeOffset At);

/// <summary>
/// What the store keeps of one request. <see cref="StatusCode"/> is null when the request's command
/// was applied but the server stopped before its response was stored.
/// </summary>
public sealed record StoredRequest(
    byte[] Fingerprint,
    long? FirstSequence,
    int? StatusCode,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    DateTimeOffset CreatedAt);
