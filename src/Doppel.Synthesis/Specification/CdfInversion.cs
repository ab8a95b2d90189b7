namespace Doppel.Synthesis.Specification;

/// <summary>Inverts a continuous CDF by Newton steps kept inside a shrinking bracket (bisection when a step leaves it).</summary>
internal static class CdfInversion
{
    public static double Invert(Func<double, double> cdf, Func<double, double> pdf, double p, double low, double high, double guess)
    {
        if (p <= 0)
        {
            return low;
        }

        if (p >= 1)
        {
            return high;
        }

        // Grow a finite bracket from the guess where the support is unbounded.
        var a = low;
        var b = high;
        var step = 1.0;
        if (double.IsNegativeInfinity(a))
        {
            a = Math.Min(guess, double.IsPositiveInfinity(b) ? guess : b) - step;
            while (cdf(a) > p)
            {
                step *= 2;
                a -= step;
            }
        }

        step = 1.0;
        if (double.IsPositiveInfinity(b))
        {
            b = Math.Max(guess, a) + step;
            while (cdf(b) < p)
            {
                step *= 2;
                b += step;
            }
        }

        if (cdf(a) > p || cdf(b) < p)
        {
            // A bracket from a table that rounding made slightly wrong: fall back to the whole support.
            return a == low && b == high ? Math.Clamp(guess, a, b) : Invert(cdf, pdf, p, double.NegativeInfinity, double.PositiveInfinity, guess);
        }

        var x = Math.Clamp(guess, a, b);
        if (x <= a || x >= b)
        {
            x = 0.5 * (a + b);
        }

        for (var iteration = 0; iteration < 200; iteration++)
        {
            var f = cdf(x) - p;
            if (f == 0)
            {
                return x;
            }

            if (f > 0)
            {
                b = x;
            }
            else
            {
                a = x;
            }

            var d = pdf(x);
            var next = d > 0 ? x - (f / d) : double.NaN;
            if (!(next > a && next < b))
            {
                next = 0.5 * (a + b);
            }

            if (Math.Abs(next - x) <= 1e-14 * (1 + Math.Abs(x)) || b - a <= 1e-15 * (1 + Math.Abs(x)))
            {
                return next;
            }

            x = next;
        }

        return x;
    }
}
