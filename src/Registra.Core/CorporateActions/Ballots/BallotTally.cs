namespace Registra.CorporateActions.Ballots;

/// <summary>Counts a ballot's votes: one pass over the voters, adding each one's weight to its choice per motion.</summary>
public static class BallotTally
{
    /// <summary>
    /// Tallies every vote. The quorum is met when at least one identity voted and the turnout is at
    /// least the quorum share of the supply at the record instant. The winner of a motion is the
    /// choice with the most weight. A tie for the most weight, or no vote at all, has no winner.
    /// </summary>
    public static BallotResult Compute(BallotState ballot, Int128 supplyAtRecord, long asOfSequence)
    {
        var motions = ballot.Motions.Count;
        var weights = new Int128[motions][];
        for (var m = 0; m < motions; m++)
        {
            // Slot 0 collects "no vote on this motion" and is dropped below.
            weights[m] = new Int128[ballot.Motions[m].Choices.Count + 1];
        }

        var turnout = Int128.Zero;
        foreach (var voter in ballot.Voters.Values)
        {
            turnout = checked(turnout + voter.Weight);
            var choices = voter.Choices;
            for (var m = 0; m < choices.Length; m++)
            {
                weights[m][choices[m]] = checked(weights[m][choices[m]] + voter.Weight);
            }
        }

        var tallies = new MotionTally[motions];
        for (var m = 0; m < motions; m++)
        {
            var cast = weights[m][1..];
            tallies[m] = new MotionTally(cast, Winner(cast));
        }

        var quorumMet = turnout > 0 && checked(turnout * 10_000) >= checked(supplyAtRecord * ballot.QuorumBasisPoints);
        return new BallotResult(asOfSequence, supplyAtRecord, turnout, ballot.Voters.Count, quorumMet, tallies);
    }

    /// <summary>Returns the 1-based number of the choice with strictly the most weight, or 0.</summary>
    private static int Winner(Int128[] weights)
    {
        var winner = 0;
        var best = Int128.Zero;
        var tied = false;
        for (var c = 0; c < weights.Length; c++)
        {
            if (weights[c] > best)
            {
                best = weights[c];
                winner = c + 1;
                tied = false;
            }
            else if (weights[c] == best && best > 0)
            {
                tied = true;
            }
        }

        return tied ? 0 : winner;
    }

    /// <summary>Names a motion's outcome for reports: decided, tied, no_votes or no_quorum.</summary>
    public static string Outcome(BallotResult result, MotionTally motion)
    {
        if (motion.Weights.All(weight => weight == 0))
        {
            return "no_votes";
        }

        if (!result.QuorumMet)
        {
            return "no_quorum";
        }

        return motion.Winner == 0 ? "tied" : "decided";
    }
}
