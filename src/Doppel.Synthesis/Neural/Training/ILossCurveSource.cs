using System.Collections.Immutable;

namespace Doppel.Synthesis.Neural.Training;

/// <summary>A fitted model that recorded its training losses (the HTML report plots them).</summary>
internal interface ILossCurveSource
{
    /// <summary>Per loss name, the mean of that loss over each epoch, in epoch order.</summary>
    ImmutableDictionary<string, ImmutableArray<double>> LossCurves { get; }
}
