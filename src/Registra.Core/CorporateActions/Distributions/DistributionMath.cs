using System.Numerics;

namespace Registra.CorporateActions.Distributions;

/// <summary>Exact arithmetic of distributions: allocation in minor units and withholding.</summary>
public static class DistributionMath
{
    /// <summary>Digits kept below the currency's minor unit in a per-unit amount, so an ACT/360 coupon such as 25.1388888888 per bond keeps ten decimals in USD.</summary>
    public const int PerUnitExtraDigits = 8;

    /// <summary>Parts per million in 100 %.</summary>
    public const int PpmScale = 1_000_000;

    /// <summary>
    /// Splits <paramref name="total"/> minor units in proportion to <paramref name="weights"/>, exactly:
    /// each share is first rounded down, then the minor units left over go one each to the shares with
    /// the largest remainders. Equal remainders go to the lower index first, so callers that order
    /// holders by identity id (ordinal) get the same result whatever order the holders were found in.
    /// </summary>
    /// <exception cref="ArgumentException">A weight is negative, the total is negative, or the weights sum to zero.</exception>
    public static Int128[] Allocate(Int128 total, ReadOnlySpan<Int128> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var sum = Int128.Zero;
        foreach (var weight in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(weight, nameof(weights));
            sum = checked(sum + weight);
        }

        if (sum == Int128.Zero)
        {
            throw new ArgumentException("The weights sum to zero, so there is nothing to share in proportion to.", nameof(weights));
        }

        var shares = new Int128[weights.Length];
        var remainders = new Int128[weights.Length];
        var allocated = Int128.Zero;
        for (var i = 0; i < weights.Length; i++)
        {
            (shares[i], remainders[i]) = MultiplyDivide(total, weights[i], sum);
            allocated += shares[i];
        }

        // Fewer than weights.Length minor units are left, because each share lost less than one.
        var left = (int)(total - allocated);
        if (left > 0)
        {
            GiveLeftovers(shares, remainders, left);
        }

        return shares;
    }

    /// <summary>
    /// Adds one minor unit to each of the <paramref name="left"/> shares with the largest remainders,
    /// lower index first among equal remainders. Finds the cut-off remainder by selection, in linear
    /// time on average, rather than sorting every holder.
    /// </summary>
    private static void GiveLeftovers(Int128[] shares, Int128[] remainders, int left)
    {
        var threshold = Quickselect.KthLargest(((Int128[])remainders.Clone()).AsSpan(), left);
        var given = 0;
        for (var i = 0; i < shares.Length; i++)
        {
            if (remainders[i] > threshold)
            {
                shares[i]++;
                given++;
            }
        }

        for (var i = 0; i < shares.Length && given < left; i++)
        {
            if (remainders[i] == threshold)
            {
                shares[i]++;
                given++;
            }
        }
    }

    /// <summary>Returns the tax withheld from a gross amount at a rate in parts per million, rounded half up to the minor unit.</summary>
    public static Int128 Withhold(Int128 gross, int ratePpm)
    {
        var (quotient, remainder) = MultiplyDivide(gross, ratePpm, PpmScale);
        return remainder * 2 >= PpmScale ? quotient + 1 : quotient;
    }

    /// <summary>
    /// Returns the gross minor units of a per-unit distribution over <paramref name="eligibleUnits"/>,
    /// rounded down: units / 10^decimals whole units times the per-unit amount.
    /// </summary>
    /// <param name="perUnit">Amount per whole unit in minor units times 10^<see cref="PerUnitExtraDigits"/>.</param>
    public static Int128 GrossPerUnit(Int128 eligibleUnits, int securityDecimals, Int128 perUnit)
    {
        var product = (BigInteger)eligibleUnits * (BigInteger)perUnit;
        var gross = product / BigInteger.Pow(10, securityDecimals + PerUnitExtraDigits);
        return gross <= (BigInteger)Int128.MaxValue ? (Int128)gross : throw new OverflowException("The gross amount does not fit in 128 bits.");
    }

    /// <summary>Returns a * b / c rounded down and its remainder, for non-negative a, b and positive c, without overflow.</summary>
    public static (Int128 Quotient, Int128 Remainder) MultiplyDivide(Int128 a, Int128 b, Int128 c)
    {
        // Amounts and balances usually fit in 64 bits, where division is a hardware instruction.
        if (a >= 0 && b >= 0 && a <= ulong.MaxValue && b <= ulong.MaxValue && c <= ulong.MaxValue)
        {
            var high = Math.BigMul((ulong)a, (ulong)b, out var low);
            if (high == 0)
            {
                var (quotient64, remainder64) = Math.DivRem(low, (ulong)c);
                return (quotient64, remainder64);
            }
        }

        // Most other products fit in 128 bits; the rest take the slower exact path.
        if (a == Int128.Zero || b <= Int128.MaxValue / a)
        {
            return Int128.DivRem(a * b, c);
        }

        var quotient = BigInteger.DivRem((BigInteger)a * (BigInteger)b, (BigInteger)c, out var remainder);
        return ((Int128)quotient, (Int128)remainder);
    }
}
