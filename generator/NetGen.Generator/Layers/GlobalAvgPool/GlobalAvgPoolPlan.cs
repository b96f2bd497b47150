using NetGen.Generator.Emit;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Layers.GlobalAvgPool;

/// <summary>A global average pool's plan.</summary>
/// <param name="Index">The layer's position, from 0.</param>
/// <param name="Input">The tensor it averages.</param>
/// <param name="Output">The flat row of its channels' means.</param>
internal sealed record GlobalAvgPoolPlan(int Index, TensorPlan Input, TensorPlan Output)
    : LayerPlan(Index, Input, Output)
{
    public override LayerEmitter Emitter => GlobalAvgPoolEmitter.Instance;

    public override string Declaration => "GlobalAvgPool";

    public override string StreamingObstacle => "is not causal in time: it averages over every step of the sequence";
}
