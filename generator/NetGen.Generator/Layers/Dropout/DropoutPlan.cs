using NetGen.Generator.Emit;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Layers.Dropout;

/// <summary>A Dropout layer's plan.</summary>
/// <param name="Index">The layer's position, from 0.</param>
/// <param name="Input">The tensor it reads.</param>
/// <param name="Output">The tensor it writes in training calls (inference calls read its input instead).</param>
/// <param name="Rate">The probability of dropping an element.</param>
/// <param name="Mask">The mask rows drawn for each training call.</param>
internal sealed record DropoutPlan(int Index, TensorPlan Input, TensorPlan Output, float Rate, string Mask)
    : LayerPlan(Index, Input, Output)
{
    public override LayerEmitter Emitter => DropoutEmitter.Instance;

    public override string Declaration => $"Dropout({HyperparameterText})";

    /// <summary>Dropout is the identity in inference calls, which streamed steps are.</summary>
    public override bool Streams => true;

    private string HyperparameterText => Vocabulary.HyperparameterDefinitions.Format(Rate);
}
