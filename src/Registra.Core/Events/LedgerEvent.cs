namespace Registra.Events;

/// <summary>An event as recorded: its sequence number, the sequencer's timestamp and the change.</summary>
public sealed record LedgerEvent(long Sequence, DateTimeOffset Timestamp, RegisterEvent Payload);
