using Microsoft.Extensions.Logging;

namespace Registra.Api.Operations;

/// <summary>Log messages of the operations features. Event ids 2000 to 2099 are theirs.</summary>
internal static partial class OperationsLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "HTTP {Method} {Route} returned {StatusCode} in {ElapsedMs:F1} ms (request {RequestId}, trace {TraceId})")]
    public static partial void RequestCompleted(ILogger logger, string method, string route, int statusCode, double elapsedMs, string requestId, string? traceId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Replayed the stored {StatusCode} response for Idempotency-Key {IdempotencyKey} of {ActorId}")]
    public static partial void IdempotentReplay(ILogger logger, string actorId, string idempotencyKey, int statusCode);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Rejected Idempotency-Key {IdempotencyKey} of {ActorId}: it was first used with another request")]
    public static partial void IdempotencyKeyReused(ILogger logger, string actorId, string idempotencyKey);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "Rate limit exceeded for partition {Partition} on {Method} {Path}; retry after {RetryAfterSeconds} s")]
    public static partial void RateLimited(ILogger logger, string partition, string method, string path, int retryAfterSeconds);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Audit log writing to {Path}")]
    public static partial void AuditStarted(ILogger logger, string path);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Error,
        Message = "Failed to write {Count} audit entries to {Path}; they are lost")]
    public static partial void AuditWriteFailed(ILogger logger, Exception error, int count, string path);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Error,
        Message = "Dropped the audit entry for {Method} {Route} by {ActorId}: the audit log is stopped")]
    public static partial void AuditEntryDropped(ILogger logger, string method, string route, string actorId);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Audit log stopped after writing {Count} entries")]
    public static partial void AuditStopped(ILogger logger, long count);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Information, Message = "Rotated the audit log {Path} at {Length} bytes")]
    public static partial void AuditRotated(ILogger logger, string path, long length);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Error,
        Message = "Failed to rotate the audit log {Path}; writing on in the current file")]
    public static partial void AuditRotationFailed(ILogger logger, Exception error, string path);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information,
        Message = "Closing the ledger engine at height {Height}: settling queued commands")]
    public static partial void EngineClosing(ILogger logger, long height);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Information, Message = "Ledger engine closed at height {Height}")]
    public static partial void EngineClosed(ILogger logger, long height);

    [LoggerMessage(EventId = 2030, Level = LogLevel.Information,
        Message = "API key {KeyId} ({Role}) {Change} by {ActorId}")]
    public static partial void ApiKeyChanged(ILogger logger, string keyId, string role, string change, string actorId);

    [LoggerMessage(EventId = 2040, Level = LogLevel.Information,
        Message = "Started as a follower at height {Height}; another node holds the writer lease")]
    public static partial void StartedAsFollower(ILogger logger, long height);

    [LoggerMessage(EventId = 2041, Level = LogLevel.Information, Message = "Started as the writer at height {Height}, advertised as {Url}")]
    public static partial void StartedAsWriter(ILogger logger, long height, string url);

    [LoggerMessage(EventId = 2042, Level = LogLevel.Warning,
        Message = "Took the writer lease and became the writer at height {Height} in {Milliseconds} ms, advertised as {Url}")]
    public static partial void Promoted(ILogger logger, long height, long milliseconds, string url);

    [LoggerMessage(EventId = 2043, Level = LogLevel.Error, Message = "Failed to become the writer after taking the lease; the node keeps following")]
    public static partial void PromotionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2044, Level = LogLevel.Warning,
        Message = "Listening for appended blocks on PostgreSQL failed; the follower polls until the listener reconnects in 5 s")]
    public static partial void AppendListenerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2050, Level = LogLevel.Information, Message = "Released {Count} expired holds at sequence {Sequence}")]
    public static partial void ExpiredHoldsReleased(ILogger logger, int count, long sequence);

    [LoggerMessage(EventId = 2051, Level = LogLevel.Error,
        Message = "Releasing expired holds failed; the sweep tries again in {Seconds} s")]
    public static partial void HoldExpiryFailed(ILogger logger, Exception exception, double seconds);
}
