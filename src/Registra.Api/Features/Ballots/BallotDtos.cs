using System.Globalization;
using Registra.Amounts;
using Registra.CorporateActions.Ballots;

namespace Registra.Api.Features.Ballots;

public sealed record MotionRequest(string Title, IReadOnlyList<string> Choices);

/// <param name="RecordAt">RFC 3339 instant whose balances weigh the votes, before OpensAt.</param>
/// <param name="QuorumPercent">Share of the supply at the record instant that must vote, "0" to "100" with up to two decimals, such as "51".</param>
public sealed record CreateBallotRequest(
    string Title,
    DateTimeOffset RecordAt,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    string QuorumPercent,
    IReadOnlyList<MotionRequest> Motions);

/// <param name="Motion">Motion number, from 1.</param>
/// <param name="Choice">Choice number within the motion, from 1.</param>
public sealed record VoteRequestChoice(int Motion, int Choice);

/// <param name="IdentityId">The voting identity. Investors vote for their own identity only.</param>
public sealed record VoteRequest(string IdentityId, IReadOnlyList<VoteRequestChoice> Votes);

public sealed record ChoiceView(int Number, string Text);

public sealed record MotionView(int Number, string Title, IReadOnlyList<ChoiceView> Choices);

/// <param name="Status">scheduled before opening, open while votes are accepted, closed after closing, certified once results are recorded.</param>
/// <param name="Voters">Identities that have voted so far.</param>
public sealed record BallotView(
    string Id,
    string SecurityId,
    string Title,
    DateTimeOffset RecordAt,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    string QuorumPercent,
    string Status,
    int Voters,
    IReadOnlyList<MotionView> Motions)
{
    public static BallotView Of(BallotState ballot, DateTimeOffset now) =>
        new(ballot.Id, ballot.SecurityId, ballot.Title, ballot.RecordAt, ballot.OpensAt, ballot.ClosesAt,
            FormatPercent(ballot.QuorumBasisPoints), StatusOf(ballot, now), ballot.Voters.Count,
            ballot.Motions.Select((motion, m) => new MotionView(m + 1, motion.Title,
                motion.Choices.Select((choice, c) => new ChoiceView(c + 1, choice)).ToList())).ToList());

    public static string StatusOf(BallotState ballot, DateTimeOffset now)
    {
        if (ballot.Result is not null)
        {
            return "certified";
        }

        if (now < ballot.OpensAt)
        {
            return "scheduled";
        }

        return now < ballot.ClosesAt ? "open" : "closed";
    }

    public static string FormatPercent(int basisPoints) => new Amount(basisPoints).Format(2);
}

/// <param name="Weight">Sum of the voters' balances at the record instant, as a decimal string in the security's units.</param>
public sealed record ChoiceResultView(int Number, string Text, string Weight);

/// <param name="Outcome">decided, tied (two choices share the most weight), no_votes, or no_quorum.</param>
/// <param name="Winner">Number of the choice with the most weight, or null on a tie or without votes.</param>
public sealed record MotionResultView(int Number, string Title, string Outcome, int? Winner, IReadOnlyList<ChoiceResultView> Choices);

/// <param name="AsOfSequence">Sequence number of the last ledger event the tally includes.</param>
/// <param name="Turnout">Weight of every identity that voted on at least one motion.</param>
public sealed record BallotResultsView(
    string BallotId,
    string SecurityId,
    long AsOfSequence,
    string SupplyAtRecord,
    string Turnout,
    int Voters,
    string QuorumPercent,
    bool QuorumMet,
    IReadOnlyList<MotionResultView> Motions)
{
    public static BallotResultsView Of(BallotState ballot, BallotResult result, int decimals) =>
        new(ballot.Id, ballot.SecurityId, result.AsOfSequence, new Amount(result.SupplyAtRecord).Format(decimals),
            new Amount(result.Turnout).Format(decimals), result.Voters, BallotView.FormatPercent(ballot.QuorumBasisPoints), result.QuorumMet,
            result.Motions.Select((tally, m) => new MotionResultView(m + 1, ballot.Motions[m].Title, BallotTally.Outcome(result, tally),
                tally.Winner == 0 ? null : tally.Winner,
                tally.Weights.Select((weight, c) => new ChoiceResultView(c + 1, ballot.Motions[m].Choices[c], new Amount(weight).Format(decimals))).ToList()))
            .ToList());

    /// <summary>Parses a quorum percentage such as "51" or "66.67" into hundredths of a percent, or null when it is not one.</summary>
    public static int? ParseQuorum(string? text)
    {
        var parsed = Amount.Parse(text, 2);
        return parsed.IsValid && !parsed.Amount.IsNegative && parsed.Amount.Units <= 10_000
            ? int.Parse(parsed.Amount.Units.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : null;
    }
}
