using CsCheck;
using Registra.CorporateActions;
using Registra.CorporateActions.Waterfall;

namespace Registra.Tests.CorporateActions;

public sealed class LargestRemainderTests
{
    [Fact]
    public void Round_TiedRemainders_GoToLowerIndex()
    {
        var thirds = new[] { Rational.Create(1, 3), Rational.Create(1, 3), Rational.Create(1, 3) };

        Assert.Equal([1L, 0, 0], LargestRemainder.Round(thirds, 1));
        Assert.Equal([1L, 1, 0], LargestRemainder.Round(thirds.Select(t => t * Rational.FromInteger(2)).ToArray(), 2));
    }

    [Fact]
    public void Split_AllPaths_MatchExactRounding()
    {
        Gen.Select(Gen.Frequency((1, Gen.Long[0, 1_000_000_000_000]), (3, Gen.Long[0, 10_000_000])), Gen.Long[0, 5_000_000].Array[1, 40]).Sample((total, weights) =>
        {
            if (weights.Sum() == 0)
            {
                return;
            }

            var sum = weights.Sum();
            var expected = LargestRemainder.Round(weights.Select(w => Rational.Create((System.Numerics.BigInteger)total * w, sum)).ToArray(), total);

            var narrow = expected;
            if (sum <= long.MaxValue / Math.Max(1, total))
            {
                narrow = new long[weights.Length];
                LargestRemainder.Split(total, weights, sum, narrow, new long[weights.Length]);
            }
            var wide = new long[weights.Length];
            LargestRemainder.Split(total, weights.Select(w => (Int128)w).ToArray(), sum, wide, new Int128[weights.Length]);
            var huge = new long[weights.Length];
            var scaled = weights.Select(w => (Int128)w * Int128.Parse("1000000000000000000000000")).ToArray();
            LargestRemainder.Split(total, scaled, scaled.Aggregate(Int128.Zero, (a, b) => a + b), huge, new Int128[weights.Length]);

            Assert.Equal(expected, narrow);
            Assert.Equal(expected, wide);
            Assert.Equal(expected, huge);
        }, iter: 500);
    }
}
