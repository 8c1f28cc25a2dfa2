namespace Registra.Ledger;

/// <summary>
/// Failure to load or create the node signing key: a missing, unreadable, malformed or
/// insecurely stored key file. Retrying does not help until the file is fixed.
/// </summary>
public sealed class NodeKeyException : Exception
{
    public NodeKeyException(string message)
        : base(message)
    {
    }

    public NodeKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Path of the key file involved.</summary>
    public string? KeyPath { get; init; }
}
