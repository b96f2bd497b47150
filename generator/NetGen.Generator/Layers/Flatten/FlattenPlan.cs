using NetGen.Generator.Emit;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Layers.Flatten;

/// <summary>A Flatten layer's plan.</summary>
/// <param name="Index">The layer's position, from 0.</param>
/// <param name="Input">The tensor it flattens.</param>
/// <param name="Output">The flat row: the same buffer for a view, else its own.</param>
/// <param name="IsView">Whether the output is the input's buffer read as one row (no code at all).</param>
internal sealed record FlattenPlan(int Index, TensorPlan Input, TensorPlan Output, bool IsView)
    : LayerPlan(Index, Input, Output)
{
    public override LayerEmitter Emitter => FlattenEmitter.Instance;

    public override string Declaration => "Flatten";

    public override string StreamingObstacle => "is not causal in time: it joins every step of the sequence into one row";
}
