namespace Registra.Ledger.Engine;

/// <summary>What an engine does with the journal it shares with other nodes.</summary>
public enum NodeRole
{
    /// <summary>Sequences commands and appends blocks; one node at a time holds this role.</summary>
    Writer,

    /// <summary>Applies the blocks that the writer appends and serves reads; rejects commands with <c>not_writer</c>.</summary>
    Follower,
}
