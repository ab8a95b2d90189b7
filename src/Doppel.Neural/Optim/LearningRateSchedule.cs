namespace Doppel.Neural;

/// <summary>Learning-rate schedules as pure functions of the step; set <see cref="Optimizer.LearningRate"/> before each step.</summary>
internal static class LearningRateSchedule
{
    /// <summary>
    /// Linear warm-up from 0 over <paramref name="warmupSteps"/>, then linear decay to 0 at <paramref name="totalSteps"/>.
    /// </summary>
    public static float Linear(float baseRate, int step, int totalSteps, int warmupSteps = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        if (step < warmupSteps)
        {
            return baseRate * (step + 1) / warmupSteps;
        }

        return baseRate * Math.Max(0f, (float)(totalSteps - step) / Math.Max(1, totalSteps - warmupSteps));
    }

    /// <summary>
    /// Cosine annealing (Loshchilov and Hutter, 2017) from <paramref name="baseRate"/> to <paramref name="minRate"/>
    /// over <paramref name="totalSteps"/>: <c>min + (base - min)(1 + cos(π step / total)) / 2</c>.
    /// </summary>
    public static float Cosine(float baseRate, int step, int totalSteps, float minRate = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        var progress = Math.Clamp((float)step / totalSteps, 0f, 1f);
        return minRate + ((baseRate - minRate) * 0.5f * (1f + MathF.Cos(MathF.PI * progress)));
    }
}
