using System.Buffers;
using System.Security.Cryptography;
using Registra.Canonical;

namespace Registra.Register;

/// <summary>
/// A SHA-256 over a canonical dump of the state, in ordinal id order, so two registers
/// that hold the same facts have the same digest whatever order they were built in.
/// </summary>
public static partial class StateDigest
{
    public static byte[] Compute(RegisterState state)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        var writer = new CanonicalWriter(buffer);
        writer.WriteInt64(state.LastSequence);
        foreach (var issuer in state.Issuers.Values.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            writer.WriteString(issuer.Id);
            writer.WriteString(issuer.Name);
        }

        foreach (var (id, account) in state.Accounts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(id);
            writer.WriteString(account.IdentityId);
            writer.WriteOptionalString(account.RecoveredTo);
        }

        foreach (var identity in state.Identities.Values.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            writer.WriteString(identity.Id);
            foreach (var claim in identity.Claims.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
            {
                writer.WriteString(claim.Id);
                writer.WriteString(claim.Value);
                writer.WriteBool(claim.Revoked);
            }
        }

        foreach (var security in state.Securities.Values.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            WriteSecurity(writer, security);
        }

        foreach (var pending in state.PendingTransfers.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            writer.WriteString(pending.Id);
            writer.WriteByte((byte)pending.Status);

            // Written only under an approval policy, so the digests of single-approver queues stay as they were.
            if (pending.HasApprovalPolicy)
            {
                writer.WriteInt32(pending.RequiredApprovals);
                writer.WriteString(string.Join('\n', pending.Approvers));
                foreach (var approval in pending.Approvals)
                {
                    writer.WriteString(approval.Approver);
                    writer.WriteInstant(approval.At);
                }
            }
        }

        WriteCorporateActions(writer, state);
        WriteCash(writer, state);

        // Written only when the market was used, so the digests of registers without it stay as they were.
        var market = state.Market;
        if (market.NextOrderId > 1 || market.Holds.Count + market.Instructions.Count + market.Books.Count > 0)
        {
            Market.MarketSnapshot.Write(writer, market);
            Market.MarketSnapshot.WriteHeld(writer, state);
        }

        // Written only when an offering exists, so the digests of registers without them stay as they were.
        if (market.Offerings.Count > 0)
        {
            Market.Offerings.OfferingSnapshot.Write(writer, market);
        }

        return SHA256.HashData(buffer.WrittenSpan);
    }

    /// <summary>
    /// Ballots with every vote and result, and stock events with their entries, in ordinal id order.
    /// A register without them writes nothing here, so its digest is the same as before they existed.
    /// </summary>
    private static void WriteCorporateActions(CanonicalWriter writer, RegisterState state)
    {
        foreach (var ballot in state.Ballots.Values.OrderBy(b => b.Id, StringComparer.Ordinal))
        {
            writer.WriteString(ballot.Id);
            writer.WriteString(ballot.SecurityId);
            writer.WriteInstant(ballot.RecordAt);
            foreach (var (identityId, voter) in ballot.Voters.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteString(identityId);
                writer.WriteInt128(voter.Weight);
                foreach (var choice in voter.Choices)
                {
                    writer.WriteByte(choice);
                }
            }

            if (ballot.Result is { } result)
            {
                writer.WriteInt64(result.AsOfSequence);
                writer.WriteInt128(result.Turnout);
                writer.WriteBool(result.QuorumMet);
                foreach (var motion in result.Motions)
                {
                    writer.WriteInt32(motion.Winner);
                }
            }
        }

        foreach (var record in state.StockEvents.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            writer.WriteString(record.Id);
            writer.WriteInt64(record.Numerator);
            writer.WriteInt64(record.Denominator);
            foreach (var entry in record.Entries)
            {
                writer.WriteString(entry.AccountId);
                writer.WriteInt128(entry.Units);
                writer.WriteInt128(entry.Cash);
            }
        }
    }

    private static void WriteSecurity(CanonicalWriter writer, Securities.SecurityState security)
    {
        writer.WriteString(security.Id);
        writer.WriteByte((byte)security.Status);
        writer.WriteInt128(security.Supply.Units);
        writer.WriteInt32(security.Rules.Version);
        writer.WriteInt32(security.HolderCount);
        writer.WriteInt32(security.NonAccreditedHolders);

        // Written only after a split changed it, so the digests of registers without splits stay as they were.
        if (security.SupplyCap != security.Definition.SupplyCap)
        {
            writer.WriteOptionalInt128(security.SupplyCap?.Units);
        }
        foreach (var issuer in security.TrustedIssuers.Order(StringComparer.Ordinal))
        {
            writer.WriteString(issuer);
        }

        foreach (var position in security.Positions.Values.OrderBy(p => p.AccountId, StringComparer.Ordinal))
        {
            writer.WriteString(position.AccountId);
            writer.WriteInt128(position.Balance.Units);
            writer.WriteInt128(position.Frozen.Units);
            writer.WriteBool(position.IsFrozen);
            writer.WriteInt32(position.History.Count);
            foreach (var lot in position.Lots)
            {
                writer.WriteInt128(lot.Amount.Units);
                writer.WriteInstant(lot.AcquiredAt);
            }
        }

        // Written only when present, so the digests of registers without documents stay as they were.
        if (security.Documents.Count > 0)
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
    }
}
