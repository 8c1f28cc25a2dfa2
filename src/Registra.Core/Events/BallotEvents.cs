using Registra.Canonical;
using Registra.CorporateActions.Ballots;

namespace Registra.Events;

/// <param name="QuorumBasisPoints">Share of the supply at the record instant that must vote, in hundredths of a percent.</param>
public sealed record BallotCreated(
    string BallotId,
    string SecurityId,
    string Title,
    DateTimeOffset RecordAt,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    int QuorumBasisPoints,
    IReadOnlyList<Motion> Motions) : RegisterEvent(EventType.BallotCreated)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(BallotId);
        writer.WriteString(SecurityId);
        writer.WriteString(Title);
        writer.WriteInstant(RecordAt);
        writer.WriteInstant(OpensAt);
        writer.WriteInstant(ClosesAt);
        writer.WriteInt32(QuorumBasisPoints);
        writer.WriteLength(Motions.Count);
        foreach (var motion in Motions)
        {
            writer.WriteString(motion.Title);
            writer.WriteLength(motion.Choices.Count);
            foreach (var choice in motion.Choices)
            {
                writer.WriteString(choice);
            }
        }
    }

    public static BallotCreated Read(ref CanonicalReader reader)
    {
        var ballotId = reader.ReadString();
        var securityId = reader.ReadString();
        var title = reader.ReadString();
        var recordAt = reader.ReadInstant();
        var opensAt = reader.ReadInstant();
        var closesAt = reader.ReadInstant();
        var quorum = reader.ReadInt32();
        var motions = new List<Motion>();
        var motionCount = reader.ReadLength();
        for (var m = 0; m < motionCount; m++)
        {
            var motionTitle = reader.ReadString();
            var choices = new List<string>();
            var choiceCount = reader.ReadLength();
            for (var c = 0; c < choiceCount; c++)
            {
                choices.Add(reader.ReadString());
            }

            motions.Add(new Motion(motionTitle, choices));
        }

        return new BallotCreated(ballotId, securityId, title, recordAt, opensAt, closesAt, quorum, motions);
    }
}

/// <summary>
/// One identity's choice on one motion, replacing any earlier choice of that identity on that motion.
/// The weight is the identity's balance at the record instant, which can no longer change once voting opens.
/// </summary>
/// <param name="Motion">Motion number, from 1.</param>
/// <param name="Choice">Choice number within the motion, from 1.</param>
public sealed record VoteCast(string BallotId, string IdentityId, int Motion, int Choice, Int128 Weight) : RegisterEvent(EventType.VoteCast)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(BallotId);
        writer.WriteString(IdentityId);
        writer.WriteUInt16(checked((ushort)Motion));
        writer.WriteUInt16(checked((ushort)Choice));
        writer.WriteInt128(Weight);
    }

    public static VoteCast Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadInt128());
}

/// <summary>The certified results of a closed ballot, with the sequence number of the last event they include.</summary>
public sealed record BallotCertified(
    string BallotId,
    long AsOfSequence,
    Int128 SupplyAtRecord,
    Int128 Turnout,
    int Voters,
    bool QuorumMet,
    IReadOnlyList<MotionTally> Motions) : RegisterEvent(EventType.BallotCertified)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(BallotId);
        writer.WriteInt64(AsOfSequence);
        writer.WriteInt128(SupplyAtRecord);
        writer.WriteInt128(Turnout);
        writer.WriteInt32(Voters);
        writer.WriteBool(QuorumMet);
        writer.WriteLength(Motions.Count);
        foreach (var motion in Motions)
        {
            writer.WriteLength(motion.Weights.Count);
            foreach (var weight in motion.Weights)
            {
                writer.WriteInt128(weight);
            }

            writer.WriteInt32(motion.Winner);
        }
    }

    public static BallotCertified Read(ref CanonicalReader reader)
    {
        var ballotId = reader.ReadString();
        var asOf = reader.ReadInt64();
        var supply = reader.ReadInt128();
        var turnout = reader.ReadInt128();
        var voters = reader.ReadInt32();
        var quorumMet = reader.ReadBool();
        var motions = new List<MotionTally>();
        var motionCount = reader.ReadLength();
        for (var m = 0; m < motionCount; m++)
        {
            var weights = new List<Int128>();
            var choiceCount = reader.ReadLength();
            for (var c = 0; c < choiceCount; c++)
            {
                weights.Add(reader.ReadInt128());
            }

            motions.Add(new MotionTally(weights, reader.ReadInt32()));
        }

        return new BallotCertified(ballotId, asOf, supply, turnout, voters, quorumMet, motions);
    }

    public BallotResult ToResult() => new(AsOfSequence, SupplyAtRecord, Turnout, Voters, QuorumMet, Motions);
}
