namespace Registra.Ledger.Engine;

/// <summary>
/// The engine stopped because a block could not be made durable. The in-memory state may be
/// ahead of the journal, so no further command is accepted; restart to rebuild from the journal.
/// </summary>
public sealed class EngineFaultedException(string message, Exception? inner) : Exception(message, inner);
