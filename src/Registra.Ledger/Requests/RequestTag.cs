namespace Registra.Ledger.Requests;

/// <summary>
/// The idempotency identity of one API request: a SHA-256 of the caller and its Idempotency-Key,
/// and a SHA-256 of the method, path and body, which separate a retry from a new request that reuses the key.
/// </summary>
public sealed record RequestTag(byte[] KeyHash, byte[] Fingerprint);
