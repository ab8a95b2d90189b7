using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Neural.Tests;

public sealed class TapeTests
{
    [Fact]
    public void Reset_RepeatedSteps_AllocatesNothingOnceWarm()
    {
        var rng = new Rng(3);
        var layer = new Linear(8, 4, rng);
        var adam = new Adam(layer.Parameters());
        var tape = new Tape(rng);
        var target = new Tensor(16, 4);
        void Step()
        {
            tape.Reset();
            adam.ZeroGrad();
            var x = tape.Input(16, 8);
            var h = tape.Concat(tape.Tanh(layer.Forward(tape, x)), tape.Softmax(x, 2, 3));
            tape.Backward(tape.Add(tape.MseLoss(tape.Slice(h, 0, 4), target), tape.Mean(h)));
            adam.Step();
        }

        // Warm up past tiered compilation, whose bookkeeping is counted against the thread.
        for (var i = 0; i < 200; i++)
        {
            Step();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            Step();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void SetRequiresGrad_FrozenLayer_PassesGradientToInputOnly()
    {
        var layer = new Linear(3, 2, new Rng(1));
        var x = GradientCheck.Param(4, 3, 2);
        layer.SetRequiresGrad(false);
        var tape = new Tape(new Rng(1));

        tape.Backward(tape.Sum(layer.Forward(tape, x)));

        Assert.All(layer.Weight.Grad!.ToArray(), g => Assert.Equal(0f, g));
        Assert.Contains(x.Grad!.ToArray(), g => g != 0f);
    }

    [Fact]
    public void Backward_Twice_Throws()
    {
        var tape = new Tape(new Rng(1));
        var loss = tape.Sum(Tensor.Parameter(2, 2));
        tape.Backward(loss);

        Assert.Throws<InvalidOperationException>(() => tape.Backward(loss));
    }

    [Fact]
    public void NoGrad_Parameters_RecordsNothing()
    {
        var tape = new Tape(new Rng(1)) { NoGrad = true };

        var y = tape.Tanh(Tensor.Parameter(2, 2));

        Assert.False(y.RequiresGrad);
        Assert.Equal(0, tape.Count);
    }
}
