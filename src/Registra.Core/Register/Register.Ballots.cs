using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.CorporateActions.Ballots;
using Registra.Events;
using Registra.Reasons;

namespace Registra.Register;

/// <summary>
/// Ballots: creation by an agent with the <c>actions</c> permission, votes by holders at the record
/// instant while the ballot is open, and certification of the tally once it has closed.
/// </summary>
public sealed partial class Register
{
    private const int MaxChoiceLength = 200;

    private CommandResult DecideCreateBallot(CreateBallot command, DateTimeOffset now)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Actions, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (CheckBallotText(command) is { } textFailure)
        {
            return CommandResult.Rejected(textFailure);
        }

        if (command.RecordAt >= command.OpensAt || command.OpensAt >= command.ClosesAt)
        {
            return CommandResult.Rejected(Invalid($"{command.RecordAt:O} / {command.OpensAt:O} / {command.ClosesAt:O}",
                "Give recordAt < opensAt < closesAt: votes weigh balances at the record instant, so voting opens only after it."));
        }

        if (command.ClosesAt <= now)
        {
            return CommandResult.Rejected(Invalid(command.ClosesAt.ToString("O"),
                $"The ballot would be closed already; give a closing instant after {now:O}."));
        }

        if (command.QuorumBasisPoints is < 0 or > 10_000)
        {
            return CommandResult.Rejected(Invalid(command.QuorumBasisPoints.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "The quorum is a share of the supply at the record instant from 0 to 10000 hundredths of a percent (0% to 100%)."));
        }

        if (command.RecordAt <= now && security.SupplyHistory.At(command.RecordAt).IsZero)
        {
            return CommandResult.Rejected(Invalid(command.RecordAt.ToString("O"),
                $"No units of {security.Id} were held at the record instant, so nobody could vote; choose a later record instant."));
        }

        var motions = command.Motions.Select(m => new Motion(m.Title.Trim(), m.Choices.Select(c => c.Trim()).ToList())).ToList();
        var ballotId = $"ballot-{State.Ballots.Count + 1:D6}";
        return new CommandResult([new BallotCreated(ballotId, security.Id, command.Title.Trim(), command.RecordAt, command.OpensAt,
            command.ClosesAt, command.QuorumBasisPoints, motions)], [], ballotId);
    }

    private static Failure? CheckBallotText(CreateBallot command)
    {
        if (string.IsNullOrWhiteSpace(command.Title) || command.Title.Length > Motion.MaxTitleLength)
        {
            return Invalid(command.Title, $"Give the ballot a title of 1 to {Motion.MaxTitleLength} characters.");
        }

        if (command.Motions.Count is 0 or > BallotState.MaxMotions)
        {
            return Invalid($"{command.Motions.Count} motions", $"A ballot has 1 to {BallotState.MaxMotions} motions.");
        }

        for (var m = 0; m < command.Motions.Count; m++)
        {
            var motion = command.Motions[m];
            if (string.IsNullOrWhiteSpace(motion.Title) || motion.Title.Length > Motion.MaxTitleLength)
            {
                return Invalid($"motion {m + 1}", $"Give motion {m + 1} a title of 1 to {Motion.MaxTitleLength} characters.");
            }

            if (motion.Choices.Count is < 2 or > Motion.MaxChoices)
            {
                return Invalid($"motion {m + 1}", $"Motion {m + 1} needs 2 to {Motion.MaxChoices} choices.");
            }

            var choices = motion.Choices.Select(c => c?.Trim() ?? string.Empty).ToList();
            if (choices.Any(c => c.Length is 0 or > MaxChoiceLength) || choices.Distinct(StringComparer.Ordinal).Count() != choices.Count)
            {
                return Invalid($"motion {m + 1}", $"The choices of motion {m + 1} must be distinct texts of 1 to {MaxChoiceLength} characters.");
            }
        }

        return null;
    }

    private CommandResult DecideCastVote(CastVote command, DateTimeOffset now)
    {
        if (!State.Ballots.TryGetValue(command.BallotId, out var ballot))
        {
            return CommandResult.Rejected(NotFound("ballot", command.BallotId));
        }

        if (!MayVoteFor(command.Actor, command.IdentityId))
        {
            return CommandResult.Rejected(Denied("vote", "Investors vote for their own identity only; an operator may record a vote for any identity."));
        }

        if (!State.Identities.TryGetValue(command.IdentityId, out var identity))
        {
            return CommandResult.Rejected(NotFound("identity", command.IdentityId));
        }

        if (!ballot.IsOpenAt(now))
        {
            return CommandResult.Rejected(now < ballot.OpensAt
                ? new Failure(Reasons.Reasons.BallotNotOpen, "ballot", ballot.OpensAt.ToString("O"), now.ToString("O"),
                    $"Vote from {ballot.OpensAt:O} until {ballot.ClosesAt:O}.") { Subject = ballot.Id }
                : new Failure(Reasons.Reasons.BallotClosed, "ballot", ballot.ClosesAt.ToString("O"), now.ToString("O"),
                    "The ballot has closed; votes can no longer be cast or changed.") { Subject = ballot.Id });
        }

        if (CheckChoices(ballot, command.Choices) is { } choiceFailure)
        {
            return CommandResult.Rejected(choiceFailure);
        }

        var weight = WeightAtRecord(ballot, identity);
        if (weight.IsZero)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.NotAHolderAtRecord, "ballot", ballot.RecordAt.ToString("O"), "0",
                $"Identity {identity.Id} held no units of {ballot.SecurityId} at the record instant; units acquired later carry no vote.") { Subject = identity.Id });
        }

        var events = new RegisterEvent[command.Choices.Count];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = new VoteCast(ballot.Id, identity.Id, command.Choices[i].Motion, command.Choices[i].Choice, weight.Units);
        }

        return CommandResult.Of(events);
    }

    private static bool MayVoteFor(Actor actor, string identityId) => actor.Role switch
    {
        ActorRole.Operator => true,
        ActorRole.Investor => actor.ScopeId == identityId,
        _ => false,
    };

    private static Failure? CheckChoices(BallotState ballot, IReadOnlyList<VoteChoice> choices)
    {
        if (choices.Count == 0)
        {
            return Invalid("choices", "Give at least one motion number with a choice number.");
        }

        var seen = new HashSet<int>();
        foreach (var choice in choices)
        {
            if (choice.Motion < 1 || choice.Motion > ballot.Motions.Count)
            {
                return Invalid($"motion {choice.Motion}", $"Ballot {ballot.Id} has motions 1 to {ballot.Motions.Count}.");
            }

            var count = ballot.Motions[choice.Motion - 1].Choices.Count;
            if (choice.Choice < 1 || choice.Choice > count)
            {
                return Invalid($"choice {choice.Choice}", $"Motion {choice.Motion} has choices 1 to {count}.");
            }

            if (!seen.Add(choice.Motion))
            {
                return Invalid($"motion {choice.Motion}", $"Motion {choice.Motion} is listed twice; give one choice per motion.");
            }
        }

        return null;
    }

    /// <summary>Returns the identity's balance over all its accounts, including closed ones, at the ballot's record instant.</summary>
    private Amount WeightAtRecord(BallotState ballot, Identities.IdentityState identity)
    {
        var security = State.Securities[ballot.SecurityId];
        var weight = Amount.Zero;
        foreach (var accountId in identity.Accounts)
        {
            if (security.Positions.TryGetValue(accountId, out var position))
            {
                weight = weight.Plus(position.History.At(ballot.RecordAt));
            }
        }

        return weight;
    }

    private CommandResult DecideCertifyBallot(CertifyBallot command, DateTimeOffset now)
    {
        if (!State.Ballots.TryGetValue(command.BallotId, out var ballot))
        {
            return CommandResult.Rejected(NotFound("ballot", command.BallotId));
        }

        if (FindSecurityFor(ballot.SecurityId, command.Actor, Permissions.Actions, out var security) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (ballot.Result is not null)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.BallotAlreadyCertified, "ballot", null, "certified",
                "Read the certified results instead.") { Subject = ballot.Id });
        }

        if (now < ballot.ClosesAt)
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.BallotNotClosed, "ballot", ballot.ClosesAt.ToString("O"), now.ToString("O"),
                $"Certify after {ballot.ClosesAt:O}, when voting has ended.") { Subject = ballot.Id });
        }

        var result = BallotTally.Compute(ballot, security.SupplyHistory.At(ballot.RecordAt).Units, State.LastSequence);
        return CommandResult.Of(new BallotCertified(ballot.Id, result.AsOfSequence, result.SupplyAtRecord, result.Turnout, result.Voters,
            result.QuorumMet, result.Motions));
    }

    private void EvolveBallot(RegisterEvent registerEvent)
    {
        switch (registerEvent)
        {
            case BallotCreated e:
                State.Ballots.Add(e.BallotId, new BallotState(e.BallotId, e.SecurityId, e.Title, e.RecordAt, e.OpensAt, e.ClosesAt,
                    e.QuorumBasisPoints, e.Motions));
                break;
            case VoteCast e:
                var ballot = State.Ballots[e.BallotId];
                if (!ballot.Voters.TryGetValue(e.IdentityId, out var voter))
                {
                    voter = new Voter(e.Weight, ballot.Motions.Count);
                    ballot.Voters.Add(e.IdentityId, voter);
                }

                voter.Choices[e.Motion - 1] = checked((byte)e.Choice);
                break;
            case BallotCertified e:
                State.Ballots[e.BallotId].Result = e.ToResult();
                break;
        }
    }
}
