using System.Buffers;
using System.Runtime.CompilerServices;
using Registra.Canonical;
using Registra.Compliance;
using Registra.Identities;
using Registra.Securities;

namespace Registra.Register;

public static partial class StateSnapshot
{
    /// <summary>Bytes one history entry takes at most: a 64-bit and a 128-bit varint.</summary>
    private const int MaxHistoryEntryBytes = 10 + 19;

    private static void WriteBody(CanonicalWriter writer, ArrayBufferWriter<byte> buffer, RegisterState state)
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
            WriteSecurity(writer, buffer, security);
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

    private static void WriteSecurity(CanonicalWriter writer, ArrayBufferWriter<byte> buffer, SecurityState security)
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
        WriteHistory(writer, buffer, security.SupplyHistory);
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
            WritePosition(writer, buffer, position);
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

    private static void WritePosition(CanonicalWriter writer, ArrayBufferWriter<byte> buffer, Position position)
    {
        writer.WriteString(position.AccountId);
        writer.WriteString(position.IdentityId);
        writer.WriteInt128(position.Balance.Units);
        writer.WriteInt128(position.Frozen.Units);
        writer.WriteBool(position.IsFrozen);

        writer.WriteLength(position.Lots.Count);
        foreach (var lot in position.Lots)
        {
            writer.WriteInt128(lot.Amount.Units);
            writer.WriteInstant(lot.AcquiredAt);
        }

        WriteHistory(writer, buffer, position.History);
    }

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
    /// Writes a history as deltas from the previous entry, because histories are most of a large
    /// register's bytes and consecutive entries differ little. Each entry is the tick delta as an
    /// unsigned varint (the first from 0), then the zigzag-encoded balance delta as an unsigned varint.
    /// </summary>
    /// <remarks>
    /// Snapshots are rare, so the tiered JIT would run this loop over millions of entries in its
    /// unoptimized first tier. It is compiled optimized from the start instead.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteHistory(CanonicalWriter writer, ArrayBufferWriter<byte> buffer, BalanceHistory history)
    {
        var ticks = history.Ticks;
        var balances = history.Balances;
        writer.WriteLength(ticks.Length);

        long previousTicks = 0;
        var previousBalance = Int128.Zero;
        for (var i = 0; i < ticks.Length; i++)
        {
            var span = buffer.GetSpan(MaxHistoryEntryBytes);
            var written = WriteVarint(span, (ulong)(ticks[i] - previousTicks));
            var delta = unchecked(balances[i] - previousBalance);

            // Zigzag in 64 bits gives the same bytes as in 128 bits for deltas that fit a long, which is nearly all.
            written += delta >= long.MinValue && delta <= long.MaxValue
                ? WriteVarint(span[written..], ZigZag((long)delta))
                : WriteVarint(span[written..], ZigZag(delta));
            buffer.Advance(written);
            previousTicks = ticks[i];
            previousBalance = balances[i];
        }
    }

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
