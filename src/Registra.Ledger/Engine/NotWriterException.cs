namespace Registra.Ledger.Engine;

/// <summary>A promotion or a write reached an engine that cannot write: another node holds the writer role.</summary>
public sealed class NotWriterException(string message) : InvalidOperationException(message);
