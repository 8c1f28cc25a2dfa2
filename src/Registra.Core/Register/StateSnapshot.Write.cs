using System.Numerics;
using System.Runtime.CompilerServices;
using Registra.Canonical;
using Registra.Compliance;
using Registra.Identities;
using Registra.Securities;

namespace Registra.Register;

public static partial class StateSnapshot
{
    // The capture pauses the sequencer and runs rarely, so the tiered JIT would run its loops over
    // every entity in the unoptimized first tier: the first capture in a process took twice as long.
    // The methods with those loops are compiled optimized from the start instead.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteBody(CanonicalWriter writer, SnapshotCapture capture, RegisterState state)
    {
        writer.WriteInt64(state.LastSequence);
        writer.WriteInstant(state.LastTimestamp);

        writer.WriteLength(state.Issuers.Count);
        foreach (var issuer in state.Issuers.Values.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            writer.WriteString(issuer.Id);
            writer.WriteString(issuer.Name);
            writer.WriteOptionalString(issuer.Lei);
        }

        writer.WriteLength(state.ClaimIssuers.Count);
        foreach (var (id, name) in state.ClaimIssuers.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(id);
            writer.WriteString(name);
        }

        writer.WriteLength(state.Identities.Count);
        foreach (var identity in state.Identities.Values.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            WriteIdentity(writer, identity);
        }

        writer.WriteLength(state.Accounts.Count);
        foreach (var account in state.Accounts.Values.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            writer.WriteString(account.Id);
            writer.WriteString(account.IdentityId);
            writer.WriteOptionalString(account.RecoveredTo);
        }

        // Enumeration order, which is creation order: see the remarks on the class.
        writer.WriteLength(state.Securities.Count);
        foreach (var security in state.Securities.Values)
        {
            WriteSecurity(writer, capture, security);
        }

        writer.WriteLength(state.PendingTransfers.Count);
        foreach (var pending in state.PendingTransfers.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            writer.WriteString(pending.Id);
            writer.WriteString(pending.SecurityId);
            writer.WriteString(pending.FromAccountId);
            writer.WriteString(pending.ToAccountId);
            writer.WriteInt128(pending.Amount.Units);
            writer.WriteInstant(pending.ExpiresAt);
            writer.WriteByte((byte)pending.Status);
            WriteApprovals(writer, pending);
        }

        WriteBallots(writer, state);
        WriteStockEvents(writer, state);
        WriteCash(writer, state);
        WriteDistributions(writer, state);

        Market.MarketSnapshot.Write(writer, state.Market);
        Market.Offerings.OfferingSnapshot.Write(writer, state.Market);
    }

    private static void WriteApprovals(CanonicalWriter writer, PendingTransfer pending)
    {
        writer.WriteInt32(pending.RequiredApprovals);
        writer.WriteLength(pending.Approvers.Count);
        foreach (var approver in pending.Approvers)
        {
            writer.WriteString(approver);
        }

        writer.WriteLength(pending.Approvals.Count);
        foreach (var approval in pending.Approvals)
        {
            writer.WriteString(approval.Approver);
            writer.WriteInstant(approval.At);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteIdentity(CanonicalWriter writer, IdentityState identity)
    {
        writer.WriteString(identity.Id);
        writer.WriteByte((byte)identity.Kind);
        writer.WriteString(identity.Name);

        writer.WriteLength(identity.Accounts.Count);
        foreach (var accountId in identity.Accounts)
        {
            writer.WriteString(accountId);
        }

        // Enumeration order, which is the order the claims were added: see the remarks on the class.
        writer.WriteLength(identity.Claims.Count);
        foreach (var claim in identity.Claims.Values)
        {
            writer.WriteString(claim.Id);
            writer.WriteString(claim.Type);
            writer.WriteString(claim.Value);
            writer.WriteString(claim.IssuerId);
            writer.WriteInstant(claim.ValidFrom);
            writer.WriteOptionalInstant(claim.ValidUntil);
            writer.WriteBool(claim.Revoked);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteSecurity(CanonicalWriter writer, SnapshotCapture capture, SecurityState security)
    {
        var definition = security.Definition;
        writer.WriteString(definition.Id);
        writer.WriteString(definition.IssuerId);
        writer.WriteString(definition.Name);
        writer.WriteOptionalString(definition.Symbol);
        writer.WriteByte((byte)definition.AssetClass);
        writer.WriteInt32(definition.Decimals);
        writer.WriteOptionalInt128(definition.SupplyCap?.Units);
        writer.WriteMap(definition.Identifiers);
        writer.WriteMap(definition.Terms);

        writer.WriteByte((byte)security.Status);
        writer.WriteInt128(security.Supply.Units);
        WriteHistory(writer, capture, security.SupplyHistory);
        writer.WriteInt32(security.Rules.Version);
        writer.WriteString(RuleSet.ToJson(security.Rules.Rules));

        writer.WriteLength(security.TrustedIssuers.Count);
        foreach (var issuerId in security.TrustedIssuers.Order(StringComparer.Ordinal))
        {
            writer.WriteString(issuerId);
        }

        writer.WriteLength(security.Positions.Count);
        foreach (var position in security.Positions.Values.OrderBy(p => p.AccountId, StringComparer.Ordinal))
        {
            WritePosition(writer, capture, position);
        }

        WriteHolders(writer, security);
        WriteOutflows(writer, security);
        WriteDocuments(writer, security);
        writer.WriteOptionalInt128(security.SupplyCap?.Units);
    }

    private static void WriteDocuments(CanonicalWriter writer, SecurityState security)
    {
        writer.WriteLength(security.Documents.Count);
        foreach (var document in security.Documents.Values.OrderBy(d => d.Sha256, StringComparer.Ordinal))
        {
            writer.WriteString(document.Sha256);
            writer.WriteString(document.Name);
            writer.WriteOptionalString(document.Uri);
            writer.WriteOptionalString(document.MediaType);
            writer.WriteInstant(document.AttachedAt);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WritePosition(CanonicalWriter writer, SnapshotCapture capture, Position position)
    {
        writer.WriteString(position.AccountId);
        writer.WriteString(position.IdentityId);
        writer.WriteInt128(position.Balance.Units);
        writer.WriteInt128(position.Frozen.Units);
        writer.WriteBool(position.IsFrozen);

        writer.WriteLength(position.Lots.Count);
        if (position.Lots.Count > SnapshotCapture.InlineLots)
        {
            // Lots are rewritten in place as they are spent, so a long list is copied rather than referenced.
            capture.AddLots(position.Lots);
        }
        else
        {
            foreach (var lot in position.Lots)
            {
                writer.WriteInt128(lot.Amount.Units);
                writer.WriteInstant(lot.AcquiredAt);
            }
        }

        WriteHistory(writer, capture, position.History);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteHolders(CanonicalWriter writer, SecurityState security)
    {
        writer.WriteLength(security.Holders.Count);
        foreach (var (identityId, entry) in security.Holders.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(identityId);
            writer.WriteInt128(entry.Total.Units);
            writer.WriteOptionalString(entry.Country);
            writer.WriteBool(entry.Accredited);
        }

        writer.WriteLength(security.HoldersByCountry.Count);
        foreach (var (country, count) in security.HoldersByCountry.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(country);
            writer.WriteInt32(count);
        }

        writer.WriteInt32(security.NonAccreditedHolders);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteOutflows(CanonicalWriter writer, SecurityState security)
    {
        writer.WriteLength(security.Outflows.Count);
        foreach (var (identityId, outflows) in security.Outflows.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(identityId);
            writer.WriteLength(outflows.Count);
            foreach (var (at, amount) in outflows)
            {
                writer.WriteInstant(at);
                writer.WriteInt128(amount.Units);
            }
        }
    }

    /// <summary>
    /// Writes a history's entry count now and leaves its entries to <see cref="SnapshotCapture.Complete"/>,
    /// because histories are most of a large register's bytes and grow with every movement.
    /// </summary>
    private static void WriteHistory(CanonicalWriter writer, SnapshotCapture capture, BalanceHistory history)
    {
        writer.WriteLength(history.Count);
        capture.AddHistory(history.Capture());
    }

    /// <summary>Bytes <see cref="WriteHistoryEntries"/> takes for the history.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long HistoryEntriesLength(in HistoryCapture history)
    {
        long length = 0;
        long previousTicks = 0;
        var previousBalance = Int128.Zero;
        for (var i = 0; i < history.Count; i++)
        {
            var (ticks, balance) = EntryAt(history, i);
            length += VarintLength((ulong)(ticks - previousTicks));
            var delta = unchecked(balance - previousBalance);
            length += delta >= long.MinValue && delta <= long.MaxValue
                ? VarintLength(ZigZag((long)delta))
                : VarintLength(ZigZag(delta));
            previousTicks = ticks;
            previousBalance = balance;
        }

        return length;
    }

    /// <summary>
    /// Writes a history's entries as deltas from the previous entry, since consecutive entries
    /// differ little: the tick delta as an unsigned varint (the first from 0), then the
    /// zigzag-encoded balance delta as an unsigned varint. Returns the bytes written.
    /// </summary>
    /// <remarks>
    /// Snapshots are rare, so the tiered JIT would run this loop over millions of entries in its
    /// unoptimized first tier. It is compiled optimized from the start instead.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int WriteHistoryEntries(in HistoryCapture history, Span<byte> destination)
    {
        var written = 0;
        long previousTicks = 0;
        var previousBalance = Int128.Zero;
        for (var i = 0; i < history.Count; i++)
        {
            var (ticks, balance) = EntryAt(history, i);
            written += WriteVarint(destination[written..], (ulong)(ticks - previousTicks));
            var delta = unchecked(balance - previousBalance);

            // Zigzag in 64 bits gives the same bytes as in 128 bits for deltas that fit a long, which is nearly all.
            written += delta >= long.MinValue && delta <= long.MaxValue
                ? WriteVarint(destination[written..], ZigZag((long)delta))
                : WriteVarint(destination[written..], ZigZag(delta));
            previousTicks = ticks;
            previousBalance = balance;
        }

        return written;
    }

    private static (long Ticks, Int128 Balance) EntryAt(in HistoryCapture history, int index) =>
        index == history.Count - 1 ? (history.LastTicks, history.LastBalance) : (history.Ticks[index], history.Balances[index]);

    private static int VarintLength(ulong value) => Math.Max(1, (64 - BitOperations.LeadingZeroCount(value) + 6) / 7);

    private static int VarintLength(UInt128 value) => Math.Max(1, (128 - (int)UInt128.LeadingZeroCount(value) + 6) / 7);

    private static int WriteVarint(Span<byte> span, ulong value)
    {
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        return length;
    }

    private static int WriteVarint(Span<byte> span, UInt128 value)
    {
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        return length;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static UInt128 ZigZag(Int128 value) => (UInt128)((value << 1) ^ (value >> 127));

    private static Int128 UnZigZag(UInt128 value) => (Int128)(value >> 1) ^ -(Int128)(value & 1);
}
