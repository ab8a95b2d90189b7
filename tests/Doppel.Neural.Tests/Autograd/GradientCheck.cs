using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Neural.Tests;

/// <summary>
/// Compares a tape's gradients with central finite differences.
/// <para>The checked scalar is <c>f = Σ out ⊙ R</c> for fixed random weights R, accumulated in float64. The
/// forward pass runs in float32, so f carries a rounding error of at most about <c>k·u·S</c> with
/// <c>u = 2⁻²⁴</c>, <c>S = Σ |out ⊙ R|</c> and k a few roundings per element; the central difference divides
/// it by <c>2h</c>, giving <c>k·u·S/h</c>. Its truncation error is <c>h²/6 · |f'''|</c>, about 1e-4 relative
/// for h = 1e-2 and inputs of order one (all inputs are kept at least 0.1 away from kinks so the
/// difference never straddles one). The tolerance is therefore <c>16·u·S/h + 1e-2·|g| + 1e-4</c>: the
/// rounding bound with k = 16, a relative truncation allowance, and a floor for gradients that vanish.</para>
/// </summary>
internal static class GradientCheck
{
    private const double U = 1.0 / (1 << 24);

    public static void Check(Func<Tape, Tensor[], Tensor> f, params Tensor[] inputs) => Check(f, 1e-2, inputs);

    public static void Check(Func<Tape, Tensor[], Tensor> f, double h, params Tensor[] inputs)
    {
        var tape = new Tape(new Rng(1));
        var probe = f(tape, inputs);
        var weights = Random(probe.Rows, probe.Cols, new Rng(99), -1, 1);
        tape.Reset();
        foreach (var p in inputs)
        {
            p.Grad!.Span.Clear();
        }

        var loss = tape.Sum(tape.Mul(f(tape, inputs), weights));
        tape.Backward(loss);
        var analytic = inputs.Select(p => p.Grad!.ToArray()).ToArray();
        for (var pi = 0; pi < inputs.Length; pi++)
        {
            var x = inputs[pi].Span;
            for (var i = 0; i < x.Length; i++)
            {
                var keep = x[i];
                x[i] = (float)(keep + h);
                var (plus, s1) = Evaluate(tape, f, inputs, weights);
                x[i] = (float)(keep - h);
                var (minus, s2) = Evaluate(tape, f, inputs, weights);
                x[i] = keep;
                var numeric = (plus - minus) / (2 * h);
                var tolerance = (16 * U * Math.Max(s1, s2) / h) + (1e-2 * Math.Abs(numeric)) + 1e-4;
                var error = Math.Abs(analytic[pi][i] - numeric);
                Assert.True(error <= tolerance, $"input {pi} element {i}: analytic {analytic[pi][i]:G6}, numeric {numeric:G6}, |diff| {error:G3} > tol {tolerance:G3} = 16uS/h + 1e-2|g| + 1e-4");
            }
        }
    }

    /// <summary>A parameter tensor with uniform values in [lo, hi).</summary>
    public static Tensor Param(int rows, int cols, ulong seed, float lo = -1, float hi = 1)
    {
        var t = Tensor.Parameter(rows, cols);
        Random(rows, cols, new Rng(seed), lo, hi).Span.CopyTo(t.Span);
        return t;
    }

    /// <summary>A parameter with values of magnitude in [0.1, 1.1), either sign: at least 0.1 from the kink at 0.</summary>
    public static Tensor AwayFromZero(int rows, int cols, ulong seed)
    {
        var t = Param(rows, cols, seed);
        var s = t.Span;
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = MathF.CopySign(MathF.Abs(s[i]) + 0.1f, s[i]);
        }

        return t;
    }

    private static Tensor Random(int rows, int cols, Rng rng, float lo, float hi)
    {
        var t = new Tensor(rows, cols);
        var s = t.Span;
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = lo + ((hi - lo) * rng.NextSingleValue());
        }

        return t;
    }

    private static (double Value, double Magnitude) Evaluate(Tape tape, Func<Tape, Tensor[], Tensor> f, Tensor[] inputs, Tensor weights)
    {
        tape.Reset();
        tape.NoGrad = true;
        var y = f(tape, inputs).Span;
        tape.NoGrad = false;
        double sum = 0, magnitude = 0;
        for (var i = 0; i < y.Length; i++)
        {
            sum += (double)y[i] * weights.Span[i];
            magnitude += Math.Abs((double)y[i] * weights.Span[i]);
        }

        return (sum, magnitude);
    }
}
