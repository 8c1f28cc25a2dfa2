namespace Registra.CorporateActions.Waterfall;

public sealed partial class WaterfallModel
{
    /// <summary>
    /// Computes each class's payout at an exit value in minor units, with every convertible class
    /// converting exactly when that pays it more.
    /// </summary>
    /// <remarks>
    /// The conversion choices are found by best response, starting with no class converted. Each
    /// round finds the classes whose payout would strictly rise if they alone changed their choice.
    /// Of those, the one that receives the least per as-converted share without converting changes
    /// (ties to the lower security id). The search stops when no class gains, which is a fixed point
    /// where every class keeps its choice. Cheaper classes convert first because a class
    /// that converts lowers the value per common share for the others, so the order keeps earlier
    /// choices stable. Candidate gains are screened in double precision; every gain close to zero is
    /// decided in exact arithmetic, and the final payouts are always exact.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exit"/> is negative.</exception>
    public WaterfallOutcome Compute(long exit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exit);
        var converted = FindConversions(exit);

        var exact = new Rational[_classes.Length];
        var left = Evaluate(Rational.FromInteger(exit), converted, _preference, _cap, _shares, Rational.Zero, exact);
        if (!left.IsZero)
        {
            // Converting would pay any class more than nothing, so no fixed point leaves money unpaid.
            throw new InvalidOperationException($"The waterfall left {left} of {exit} unpaid; the conversion search is wrong.");
        }

        var rounded = LargestRemainder.Round(exact, exit);
        var classes = new ClassPayout[_classes.Length];
        for (var i = 0; i < classes.Length; i++)
        {
            classes[i] = new ClassPayout(_classes[i].SecurityId, _classes[i].Name, converted[i], exact[i], rounded[i]);
        }

        return new WaterfallOutcome(exit, classes);
    }

    /// <summary>Returns each class's exact payout for fixed conversion choices, in model order; for tests of the search.</summary>
    internal Rational[] ComputeExact(long exit, bool[] converted)
    {
        var payout = new Rational[_classes.Length];
        Evaluate(Rational.FromInteger(exit), converted, _preference, _cap, _shares, Rational.Zero, payout);
        return payout;
    }

    private bool[] FindConversions(long exit)
    {
        var n = _classes.Length;
        var converted = new bool[n];
        var current = new double[n];
        var trial = new double[n];
        var exitFast = (double)exit;

        // The double error of one evaluation stays far below this margin; gains inside it are decided exactly.
        var margin = (Math.Abs(exitFast) * 1e-11) + 1e-9;
        ExactCache? exact = null;
        var maxRounds = (n * n) + n + 1;
        for (var round = 0; round < maxRounds; round++)
        {
            Evaluate(exitFast, converted, _preferenceFast, _capFast, _sharesFast, 0.0, current);
            exact = null;
            var best = -1;
            var bestValue = double.PositiveInfinity;
            for (var i = 0; i < n; i++)
            {
                if (_common[i])
                {
                    continue;
                }

                converted[i] = !converted[i];
                Evaluate(exitFast, converted, _preferenceFast, _capFast, _sharesFast, 0.0, trial);
                converted[i] = !converted[i];
                var gain = trial[i] - current[i];
                if (gain <= -margin)
                {
                    continue;
                }

                if (gain < margin)
                {
                    exact ??= new ExactCache(this, exit, converted);
                    if (!exact.Gains(i))
                    {
                        continue;
                    }
                }

                var unconverted = (converted[i] ? trial[i] : current[i]) / _sharesFast[i];
                if (best < 0 || unconverted < bestValue - (Math.Abs(bestValue) * 1e-12))
                {
                    best = i;
                    bestValue = unconverted;
                }
            }

            if (best < 0)
            {
                return converted;
            }

            converted[best] = !converted[best];
        }

        throw new InvalidOperationException($"No stable conversion choice was found for the exit {exit} within {maxRounds} rounds.");
    }

    /// <summary>The exact payouts for the current choices, computed once per round when a close call needs them.</summary>
    private sealed class ExactCache
    {
        private readonly WaterfallModel _model;
        private readonly Rational _exit;
        private readonly bool[] _converted;
        private readonly Rational[] _current;

        public ExactCache(WaterfallModel model, long exit, bool[] converted)
        {
            _model = model;
            _exit = Rational.FromInteger(exit);
            _converted = converted;
            _current = new Rational[converted.Length];
            model.Evaluate(_exit, converted, model._preference, model._cap, model._shares, Rational.Zero, _current);
        }

        /// <summary>True when class <paramref name="i"/> alone changing its choice strictly raises its exact payout.</summary>
        public bool Gains(int i)
        {
            var trial = new Rational[_converted.Length];
            _converted[i] = !_converted[i];
            _model.Evaluate(_exit, _converted, _model._preference, _model._cap, _model._shares, Rational.Zero, trial);
            _converted[i] = !_converted[i];
            return trial[i] > _current[i];
        }
    }
}
