namespace Doppel.Neural;

/// <summary>Computes the inputs' gradient contributions of one recorded operation from its output's gradient.</summary>
internal delegate void BackwardFunction(Tape tape, in Node node);

/// <summary>
/// One recorded operation: its backward function, output, up to four tensors (inputs or saved intermediates),
/// two scalars, two integers and one object. A struct in a reused array, so recording allocates nothing.
/// Backward functions are static methods, so their delegates are cached by the compiler.
/// </summary>
internal struct Node
{
    public BackwardFunction Backward;
    public Tensor Out;
    public Tensor? A;
    public Tensor? B;
    public Tensor? C;
    public Tensor? D;
    public float S0;
    public float S1;
    public int I0;
    public int I1;
    public object? Obj;
}
