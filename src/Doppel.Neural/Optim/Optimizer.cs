namespace Doppel.Neural;

/// <summary>Updates a fixed list of parameters from their accumulated gradients.</summary>
internal abstract class Optimizer
{
    /// <summary>Creates an optimiser over <paramref name="parameters"/> with learning rate <paramref name="learningRate"/>.</summary>
    protected Optimizer(IReadOnlyList<Tensor> parameters, float learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(learningRate);
        if (parameters.Any(p => p.Grad is null))
        {
            throw new ArgumentException("Every optimised tensor must be made with Tensor.Parameter.", nameof(parameters));
        }

        Parameters = parameters;
        LearningRate = learningRate;
    }

    /// <summary>The parameters, in the order given.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The current learning rate; schedules set it before each <see cref="Step"/>.</summary>
    public float LearningRate { get; set; }

    /// <summary>Number of steps taken.</summary>
    public int StepCount { get; protected set; }

    /// <summary>The optimiser's state arrays (such as Adam's moments) in a fixed order, for checkpoints: read, or overwritten in place to resume.</summary>
    public virtual IReadOnlyList<float[]> StateBuffers => [];

    /// <summary>Sets <see cref="StepCount"/>, when training resumes from a checkpoint.</summary>
    public void RestoreStepCount(int stepCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        StepCount = stepCount;
    }

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGrad()
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            Parameters[i].Grad!.Span.Clear();
        }
    }

    /// <summary>Applies one update from the current gradients.</summary>
    public abstract void Step();
}
