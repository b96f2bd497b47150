using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Layers.Flatten;

/// <summary>Emits a Flatten layer that copies: each row's positions gathered into one flat row, and the gradient scattered back.
/// A Flatten that is a view emits nothing but its entry in the architecture.</summary>
internal sealed class FlattenEmitter : LayerEmitter
{
    public static FlattenEmitter Instance { get; } = new();

    public override string Architecture(LayerPlan layer)
        => $"new global::NetGen.FlattenLayerInfo(new global::NetGen.TensorShape({layer.Input.Shape.ToList()}))";

    public override void Forward(PassWriter w, LayerPlan layer)
    {
        var flatten = (FlattenPlan)layer;
        if (flatten.IsView)
        {
            w.Line("// a view of the rows it receives: nothing to do");
            return;
        }

        string input = w.ForwardInput(flatten);
        Copy(w, flatten, input, FirstRow(flatten.Output), toFlat: true);
    }

    public override void BackwardData(PassWriter w, LayerPlan layer)
    {
        var flatten = (FlattenPlan)layer;
        if (flatten.IsView || flatten.Output.Gradient is null)
        {
            return;
        }

        Copy(w, flatten, FirstGradientRow(flatten.Input), FirstGradientRow(flatten.Output), toFlat: false);
    }

    /// <summary>Copies the positions of each row between the padded rows (<paramref name="positions"/>) and the flat row (<paramref name="flat"/>).</summary>
    private static void Copy(PassWriter w, FlattenPlan flatten, string positions, string flat, bool toFlat)
    {
        TensorPlan input = flatten.Input;
        int flatStride = flatten.Output.RowStride;
        w.Open(toFlat ? "// position after position into one flat row" : "// the flat row's gradient back to the positions");
        w.Line($"ref float padded = {positions};");
        w.Line($"ref float flat = {flat};");
        w.Open("for (int r = 0; r < rows; r++)");
        string paddedRow = $"ref Unsafe.Add(ref padded, r * {input.RowStride}), {input.ChannelStride}";
        string flatRow = $"ref Unsafe.Add(ref flat, r * {flatStride}), {input.Channels}";
        w.Line(toFlat
            ? $"global::NetGen.Kernels.ElementwiseKernels.CopyRows({paddedRow}, {flatRow}, {input.Positions}, {input.Channels});"
            : $"global::NetGen.Kernels.ElementwiseKernels.CopyRows({flatRow}, {paddedRow}, {input.Positions}, {input.Channels});");
        w.Close();
        w.Close();
    }
}
