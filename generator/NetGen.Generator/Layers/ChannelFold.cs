using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers;

/// <summary>The sizes of a layer's weights and bias as it stores them (see <see cref="LayerPlan.Foldable"/>).</summary>
/// <param name="Weights">The floats of the weights, padding and panel spacing included.</param>
/// <param name="Bias">The floats of the bias, padded.</param>
internal sealed record FoldableParameters(long Weights, long Bias);

/// <summary>
/// A per-channel affine map <c>y = activation((x - Mean[c]) * Scale[c] + Shift[c])</c> (a BatchNorm in inference calls)
/// folded into the layer before it: in inference calls that layer computes with copies of its weights scaled by
/// <c>Scale</c> and a bias <c>(b - Mean) * Scale + Shift</c>, applies <see cref="Activation"/> and writes straight to
/// <see cref="Output"/>; the folding layer itself then does nothing. The copies are made again at the first inference call
/// after the parameters or the statistics changed.
/// </summary>
/// <param name="Target">The layer folded into.</param>
/// <param name="FoldedWeights">The work buffer of the folded weights, laid out as the target's.</param>
/// <param name="FoldedBias">The work buffer of the folded bias.</param>
/// <param name="Mean">The buffer of <c>Mean</c>, one float per channel.</param>
/// <param name="Scale">The buffer of <c>Scale</c>.</param>
/// <param name="Shift">The buffer of <c>Shift</c>.</param>
/// <param name="Activation">The activation the folded layer applies.</param>
/// <param name="Output">The tensor the folded layer writes in inference calls: the folding layer's output.</param>
internal sealed record ChannelFold(LayerPlan Target, string FoldedWeights, string FoldedBias, string Mean, string Scale, string Shift, Activation Activation, TensorPlan Output);
