using System.Numerics;
using System.Numerics.Tensors;

namespace Doppel.Neural;

internal sealed partial class Tape
{
    /// <summary>Element-wise <c>exp(x)</c>.</summary>
    public Tensor Exp(Tensor x) => Unary(x, UnaryKind.Exp);

    /// <summary>Element-wise natural logarithm (inputs must be positive).</summary>
    public Tensor Log(Tensor x) => Unary(x, UnaryKind.Log);

    /// <summary>Element-wise <c>x^p</c> (for non-integer <paramref name="p"/>, inputs must be positive).</summary>
    public Tensor Pow(Tensor x, float p) => Unary(x, UnaryKind.Pow, p);

    /// <summary>Element-wise square root.</summary>
    public Tensor Sqrt(Tensor x) => Unary(x, UnaryKind.Sqrt);

    /// <summary>Element-wise absolute value (gradient sign(x), 0 at 0).</summary>
    public Tensor Abs(Tensor x) => Unary(x, UnaryKind.Abs);

    /// <summary>Element-wise hyperbolic tangent.</summary>
    public Tensor Tanh(Tensor x) => Unary(x, UnaryKind.Tanh);

    /// <summary>Element-wise logistic sigmoid <c>1 / (1 + e^-x)</c>.</summary>
    public Tensor Sigmoid(Tensor x) => Unary(x, UnaryKind.Sigmoid);

    /// <summary>Element-wise <c>max(x, 0)</c>.</summary>
    public Tensor Relu(Tensor x) => Unary(x, UnaryKind.Relu);

    /// <summary>Element-wise <c>x</c> for positive x, <c>slope * x</c> otherwise (PyTorch default slope 0.01).</summary>
    public Tensor LeakyRelu(Tensor x, float slope = 0.01f) => Unary(x, UnaryKind.LeakyRelu, slope);

    /// <summary>Element-wise SiLU (swish) <c>x · sigmoid(x)</c>.</summary>
    public Tensor Silu(Tensor x) => Unary(x, UnaryKind.Silu);

    /// <summary>Element-wise softplus <c>log(1 + e^x)</c>, computed stably.</summary>
    public Tensor Softplus(Tensor x) => Unary(x, UnaryKind.Softplus);

    private Tensor Unary(Tensor x, UnaryKind kind, float p = 0f)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Output(x.Rows, x.Cols, x);
        var xs = x.Span;
        var ys = y.Span;
        switch (kind)
        {
            case UnaryKind.Exp: TensorPrimitives.Exp(xs, ys); break;
            case UnaryKind.Log: TensorPrimitives.Log(xs, ys); break;
            case UnaryKind.Pow: TensorPrimitives.Pow(xs, p, ys); break;
            case UnaryKind.Sqrt: TensorPrimitives.Sqrt(xs, ys); break;
            case UnaryKind.Abs: TensorPrimitives.Abs(xs, ys); break;
            case UnaryKind.Tanh: TensorPrimitives.Tanh(xs, ys); break;
            case UnaryKind.Sigmoid: TensorPrimitives.Sigmoid(xs, ys); break;
            case UnaryKind.Relu: TensorPrimitives.Max(xs, 0f, ys); break;
            case UnaryKind.LeakyRelu: LeakyRelu(xs, p, ys); break;
            case UnaryKind.Silu:
                TensorPrimitives.Sigmoid(xs, ys);
                TensorPrimitives.Multiply(xs, ys, ys);
                break;
            default: Softplus(xs, ys); break;
        }

        Record(new Node { Backward = UnaryBackward, Out = y, A = x, S0 = p, I0 = (int)kind });
        return y;
    }

    internal static void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> y)
    {
        // max(x, slope·x) equals LeakyReLU for 0 <= slope <= 1.
        TensorPrimitives.Multiply(x, slope, y);
        TensorPrimitives.Max(x, y, y);
    }

    // softplus(x) = max(x, 0) + log(1 + e^-|x|), which never overflows.
    private static void Softplus(ReadOnlySpan<float> x, Span<float> y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = MathF.Max(x[i], 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(x[i])));
        }
    }

    // Derivatives: exp' = y; log' = 1/x; (x^p)' = p x^(p-1); sqrt' = 1/(2y); |x|' = sign x; tanh' = 1 - y²;
    // sigmoid' = y(1 - y); relu' = [x > 0]; leaky' = [x > 0] + slope [x <= 0]; silu' = s(1 + x(1 - s)) with
    // s = sigmoid(x); softplus' = sigmoid(x).
    private static void UnaryBackward(Tape t, in Node n)
    {
        var x = n.A!.Span;
        var y = n.Out.Span;
        var dy = n.Out.Grad!.Span;
        var dx = t.GradOf(n.A).Span;
        var p = n.S0;
        switch ((UnaryKind)n.I0)
        {
            case UnaryKind.Exp: TensorPrimitives.FusedMultiplyAdd(dy, y, dx, dx); break;
            case UnaryKind.Relu: PiecewiseBackward(x, dy, dx, 0f); break;
            case UnaryKind.LeakyRelu: PiecewiseBackward(x, dy, dx, p); break;
            case UnaryKind.Tanh: TanhBackward(y, dy, dx); break;
            default:
                for (var i = 0; i < dx.Length; i++)
                {
                    dx[i] += dy[i] * Derivative((UnaryKind)n.I0, x[i], y[i], p);
                }

                break;
        }
    }

    // dx += dy where x > 0, slope·dy elsewhere; vectorised because it runs on every hidden layer.
    private static void PiecewiseBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, float slope)
    {
        var i = 0;
        var s = new Vector<float>(slope);
        for (; i <= dx.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var g = new Vector<float>(dy[i..]);
            var d = Vector.ConditionalSelect(Vector.GreaterThan(new Vector<float>(x[i..]), Vector<float>.Zero), g, g * s);
            (new Vector<float>(dx[i..]) + d).CopyTo(dx[i..]);
        }

        for (; i < dx.Length; i++)
        {
            dx[i] += x[i] > 0f ? dy[i] : slope * dy[i];
        }
    }

    private static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var i = 0;
        for (; i <= dx.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var yv = new Vector<float>(y[i..]);
            (new Vector<float>(dx[i..]) + (new Vector<float>(dy[i..]) * (Vector<float>.One - (yv * yv)))).CopyTo(dx[i..]);
        }

        for (; i < dx.Length; i++)
        {
            dx[i] += dy[i] * (1f - (y[i] * y[i]));
        }
    }

    private static float Derivative(UnaryKind kind, float x, float y, float p) => kind switch
    {
        UnaryKind.Log => 1f / x,
        UnaryKind.Pow => p * MathF.Pow(x, p - 1f),
        UnaryKind.Sqrt => 0.5f / y,
        UnaryKind.Abs => MathF.Sign(x),
        UnaryKind.Sigmoid => y * (1f - y),
        UnaryKind.Silu => Sigmoid(x) * (1f + (x * (1f - Sigmoid(x)))),
        _ => Sigmoid(x),
    };

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    private enum UnaryKind
    {
        Exp,
        Log,
        Pow,
        Sqrt,
        Abs,
        Tanh,
        Sigmoid,
        Relu,
        LeakyRelu,
        Silu,
        Softplus,
    }
}
