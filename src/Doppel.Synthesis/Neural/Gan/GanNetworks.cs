using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>The generator and critic shapes of the three GANs; parameter names follow PyTorch's.</summary>
internal static class GanNetworks
{
    /// <summary>
    /// CTGAN's generator: residual blocks (Linear → BatchNorm → ReLU, output joined to its input) and a linear
    /// output layer. Input width <c>noise + condition</c>; output <paramref name="outWidth"/> raw values.
    /// </summary>
    public static Sequential ResidualGenerator(int inWidth, IReadOnlyList<int> dims, int outWidth, Rng rng)
    {
        var modules = new List<Module>();
        var width = inWidth;
        foreach (var d in dims)
        {
            var block = new ResidualBlock(width, d, rng);
            modules.Add(block);
            width = block.OutFeatures;
        }

        modules.Add(new Linear(width, outWidth, rng));
        return new Sequential([.. modules]);
    }

    /// <summary>A plain generator MLP: (Linear → BatchNorm → ReLU) per hidden layer, then a linear output layer.</summary>
    public static Sequential MlpGenerator(int inWidth, IReadOnlyList<int> dims, int outWidth, Rng rng)
    {
        var modules = new List<Module>();
        var width = inWidth;
        foreach (var d in dims)
        {
            modules.Add(new Linear(width, d, rng));
            modules.Add(new BatchNorm1d(d));
            modules.Add(new Activation(ActivationKind.Relu));
            width = d;
        }

        modules.Add(new Linear(width, outWidth, rng));
        return new Sequential([.. modules]);
    }

    /// <summary>
    /// A critic MLP: (Linear → LeakyReLU 0.2 → Dropout p when p &gt; 0) per hidden layer, then Linear to one
    /// score. No batch normalisation, so the gradient penalty applies row by row (Gulrajani et al., 2017, section 4).
    /// </summary>
    public static Sequential Critic(int inWidth, IReadOnlyList<int> dims, float dropout, Rng rng)
    {
        var modules = new List<Module>();
        var width = inWidth;
        foreach (var d in dims)
        {
            modules.Add(new Linear(width, d, rng));
            modules.Add(new Activation(ActivationKind.LeakyRelu, 0.2f));
            if (dropout > 0)
            {
                modules.Add(new Dropout(dropout));
            }

            width = d;
        }

        modules.Add(new Linear(width, 1, rng));
        return new Sequential([.. modules]);
    }
}
