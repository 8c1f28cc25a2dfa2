using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Register;

/// <summary>
/// The deterministic register state machine. <see cref="Execute"/> judges a command against
/// the current state and, when it passes, applies the events it produced; a rejected command
/// changes nothing. <see cref="Apply"/> replays recorded events. No I/O, no clock: the caller
/// stamps every command and event with its ledger timestamp. Not thread-safe: one writer.
/// </summary>
public sealed partial class Register
{
    private readonly List<Failure> _failures = [];

    // Reused by every movement that Execute judges, as the state machine runs on one thread.
    private readonly TransferCheck _check = new();

    // The receiving account's position as the last transfer check found it; null when it has none yet.
    private Position? _receiverPosition;

    public Register()
        : this(new RegisterState())
    {
    }

    public Register(RegisterState state)
    {
        State = state;
    }

    public RegisterState State { get; }

    /// <summary>
    /// Judges the command at the ledger timestamp <paramref name="now"/> and applies its events
    /// when accepted. Accepted events take the sequence numbers after <see cref="RegisterState.LastSequence"/>
    /// in order, so the caller journals them as LastSequence - Events.Count + 1 onwards.
    /// </summary>
    public CommandResult Execute(RegisterCommand command, DateTimeOffset now)
    {
        if (now < State.LastTimestamp)
        {
            throw new InvalidOperationException($"Ledger time went backwards: {now:O} is before {State.LastTimestamp:O}.");
        }

        CommandResult result;
        try
        {
            result = command switch
            {
                Transfer transfer => ExecuteTransfer(transfer, now),
                BatchTransfer batch => ExecuteBatch(batch, now),
                ApproveTransfer approve => ExecuteApproval(approve, now),
                SettleInstruction settle => ExecuteSettlement(settle, now),
                PlaceOrder order => ExecuteOrder(order, now),
                _ => Decide(command, now),
            };
        }
        catch (OverflowException)
        {
            // Amounts near the 128-bit limit overflow while being judged, before anything changes.
            return CommandResult.Rejected(new Failure(Reasons.Reasons.Overflow, "amount", null, null,
                "Use a smaller amount; the result would not fit in 128 bits."));
        }

        // These commands apply their events themselves while they are judged.
        if (result.Accepted && command is not (Transfer or BatchTransfer or ApproveTransfer or SettleInstruction or PlaceOrder))
        {
            foreach (var registerEvent in result.Events)
            {
                Commit(registerEvent, now);
            }
        }

        return result;
    }

    /// <summary>Applies an accepted event and gives it the next sequence number.</summary>
    private void Commit(RegisterEvent registerEvent, DateTimeOffset now)
    {
        Evolve(registerEvent, now);
        State.LastSequence++;
        State.LastTimestamp = now;
    }

    /// <summary>Applies a recorded event during replay; sequence numbers must follow each other.</summary>
    public void Apply(LedgerEvent ledgerEvent)
    {
        if (ledgerEvent.Sequence != State.LastSequence + 1)
        {
            throw new InvalidOperationException(
                $"Event sequence {ledgerEvent.Sequence} does not follow {State.LastSequence}.");
        }

        if (ledgerEvent.Timestamp < State.LastTimestamp)
        {
            throw new InvalidOperationException(
                $"Event {ledgerEvent.Sequence} has timestamp {ledgerEvent.Timestamp:O}, before the previous event's.");
        }

        Evolve(ledgerEvent.Payload, ledgerEvent.Timestamp);
        State.LastSequence = ledgerEvent.Sequence;
        State.LastTimestamp = ledgerEvent.Timestamp;
    }

    private CommandResult Decide(RegisterCommand command, DateTimeOffset now) => command switch
    {
        CreateIssuer c => DecideCreateIssuer(c),
        CreateSecurity c => DecideCreateSecurity(c),
        RegisterClaimIssuer c => DecideRegisterClaimIssuer(c),
        AddTrustedIssuer c => DecideAddTrustedIssuer(c),
        RemoveTrustedIssuer c => DecideRemoveTrustedIssuer(c),
        SetRules c => DecideSetRules(c),
        RegisterIdentity c => DecideRegisterIdentity(c),
        AddAccount c => DecideAddAccount(c),
        AddClaim c => DecideAddClaim(c),
        RevokeClaim c => DecideRevokeClaim(c),
        Issue c => DecideIssue(c, now),
        Redeem c => DecideRedeem(c),
        Transfer c => DecideTransfer(c, now),
        ForcedTransfer c => DecideForcedTransfer(c, now),
        DenyTransfer c => DecideDenyTransfer(c, now),
        SplitSecurity c => DecideSplit(c),
        DeclareStockDividend c => DecideStockDividend(c, now),
        CreateBallot c => DecideCreateBallot(c, now),
        CastVote c => DecideCastVote(c, now),
        CertifyBallot c => DecideCertifyBallot(c, now),
        FreezeAccount c => DecideFreezeAccount(c),
        FreezeIdentity c => DecideFreezeIdentity(c),
        UnfreezeAccount c => DecideUnfreezeAccount(c),
        FreezeAmount c => DecideFreezeAmount(c),
        UnfreezeAmount c => DecideUnfreezeAmount(c),
        PauseSecurity c => DecidePause(c),
        UnpauseSecurity c => DecideUnpause(c),
        RecoverAccount c => DecideRecovery(c),
        AttachDocument c => DecideAttachDocument(c),
        RemoveDocument c => DecideRemoveDocument(c),
        Cash.CashCommand c => DecideCash(c),
        CorporateActions.Distributions.DistributionCommand c => DecideDistribution(c, now),
        CreateHold c => DecideCreateHold(c, now),
        ExecuteHold c => DecideExecuteHold(c, now),
        ReleaseHold c => DecideReleaseHold(c, now),
        ReleaseExpiredHolds c => DecideReleaseExpiredHolds(c, now),
        CancelTransfer c => DecideCancelTransfer(c),
        CreateInstruction c => DecideCreateInstruction(c, now),
        AffirmInstruction c => DecideAffirm(c.InstructionId, c.PartyId, c.Actor, now, withdraw: false),
        WithdrawAffirmation c => DecideAffirm(c.InstructionId, c.PartyId, c.Actor, now, withdraw: true),
        CancelInstruction c => DecideCancelInstruction(c),
        ConfigureMarket c => DecideConfigureMarket(c),
        CancelOrder c => DecideCancelOrder(c),
        Market.Offerings.OpenOffering c => DecideOpenOffering(c, now),
        Market.Offerings.Subscribe c => DecideSubscribe(c, now),
        Market.Offerings.AmendSubscription c => DecideAmendSubscription(c, now),
        Market.Offerings.WithdrawSubscription c => DecideWithdrawSubscription(c, now),
        Market.Offerings.CloseOffering c => DecideCloseOffering(c, now),
        Market.Offerings.CancelOffering c => DecideCancelOffering(c),
        _ => throw new ArgumentException($"Unknown command type {command.GetType().Name}.", nameof(command)),
    };

    private static Failure NotFound(string kind, string id) =>
        new(Reasons.Reasons.NotFound, kind, kind, id, $"Check the {kind} id '{id}'.") { Subject = id };

    private static Failure Invalid(string value, string hint) =>
        new(Reasons.Reasons.InvalidArgument, "input", null, value, hint) { Subject = value };

    /// <summary>Rejection of a hold or instruction expiry that is not after the ledger time of the command.</summary>
    private static Failure ExpiryNotAfter(DateTimeOffset expiresAt, DateTimeOffset now) =>
        new(Reasons.Reasons.InvalidArgument, "input", now.ToString("O"), expiresAt.ToString("O"),
            $"Give an expiresAt after the current ledger time, {now:O}.") { Subject = expiresAt.ToString("O") };

    private static Failure Denied(string permission, string hint) =>
        new(Reasons.Reasons.PermissionDenied, "access", permission, null, hint);
}
