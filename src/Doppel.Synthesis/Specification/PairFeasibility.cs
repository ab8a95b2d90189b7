namespace Doppel.Synthesis.Specification;

/// <summary>One pair of variables: its target and the range its two marginals allow (the Fréchet bounds).</summary>
/// <param name="First">Index of the first variable.</param>
/// <param name="Second">Index of the second variable (greater than <paramref name="First"/>).</param>
/// <param name="FirstName">Name of the first variable.</param>
/// <param name="SecondName">Name of the second variable.</param>
/// <param name="Target">The specified correlation.</param>
/// <param name="Lower">The antimonotone coupling's correlation: the lowest attainable.</param>
/// <param name="Upper">The comonotone coupling's correlation: the highest attainable.</param>
internal sealed record PairFeasibility(int First, int Second, string FirstName, string SecondName, double Target, double Lower, double Upper)
{
    /// <summary>Slack allowed for the bounds' quadrature error.</summary>
    public const double Slack = 1e-9;

    /// <summary>True when the target lies inside [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
    public bool IsAttainable => Target >= Lower - Slack && Target <= Upper + Slack;

    /// <summary>The target moved into the attainable range.</summary>
    public double Clamped => Math.Clamp(Target, Lower, Upper);
}
