using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.PassWriter;
using static NetGen.Generator.Layers.Convolution.ConvolutionCode;

namespace NetGen.Generator.Layers.GlobalAvgPool;

/// <summary>Emits a global average pool: one kernel forward, and one backward when a layer with parameters comes before.</summary>
internal sealed class GlobalAvgPoolEmitter : LayerEmitter
{
    public static GlobalAvgPoolEmitter Instance { get; } = new();

    public override string Architecture(LayerPlan layer)
        => $"new global::NetGen.GlobalAvgPoolLayerInfo(new global::NetGen.TensorShape({layer.Input.Shape.ToList()}))";

    public override void Forward(PassWriter w, LayerPlan layer)
        => w.Line($"{layer.Name}Forward({w.ForwardInput(layer)}, {FirstRow(layer.Output)}, rows);");

    public override void BackwardData(PassWriter w, LayerPlan layer)
    {
        if (layer.Output.Gradient is not null)
        {
            w.Line($"{layer.Name}Backward({FirstGradientRow(layer.Output)}, {FirstGradientRow(layer.Input)}, rows);");
        }
    }

    public override IEnumerable<IKernel> Kernels(LayerPlan layer)
    {
        yield return new GlobalAvgPoolKernel((GlobalAvgPoolPlan)layer, layer.Name + "Forward", Backward: false);
        if (layer.Output.Gradient is not null)
        {
            yield return new GlobalAvgPoolKernel((GlobalAvgPoolPlan)layer, layer.Name + "Backward", Backward: true);
        }
    }
}

/// <summary>A global average pool's kernel, channels as the vector lanes: forward, each channel summed over the positions and
/// scaled by their inverse; backward, the scaled gradient written at every position. Rows whose positions are not whole vectors
/// apart use the portable loops.</summary>
/// <param name="Layer">The pool.</param>
/// <param name="Name">The method name.</param>
/// <param name="Backward">Whether this is the backward kernel.</param>
internal sealed record GlobalAvgPoolKernel(GlobalAvgPoolPlan Layer, string Name, bool Backward) : IKernel
{
    public IReadOnlyList<string> Parameters => Backward ? new[] { "ref float dy", "ref float dx", "int rows" } : new[] { "ref float x", "ref float y", "int rows" };

    public void Emit(CodeWriter code, Isa isa)
    {
        TensorPlan input = Layer.Input;
        int positions = input.Positions;
        int cs = input.ChannelStride;
        bool vector = !isa.IsScalar && cs % isa.Width == 0;
        Isa lanes = vector ? isa : Isa.Scalar;
        string scale = lanes.IsScalar ? Float(1f / positions) : lanes.Broadcast(Float(1f / positions));
        code.Line(Backward
            ? $"// {Layer.Describe()}: the gradient divided by {positions} at every position"
            : $"// {Layer.Describe()}: the mean of each channel over {positions} positions");
        if (vector)
        {
            isa.OptimizeFully(code);
        }

        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Open("for (nuint r = 0; r < (nuint)rows; r++)");
        string inputRow = Times("r", input.RowStride);
        string outputRow = Times("r", Layer.Output.RowStride);
        code.Open($"for (nuint c = 0; c < {(input.Channels + lanes.Width - 1) / lanes.Width * lanes.Width}; c += {lanes.Width})");
        if (Backward)
        {
            code.Line($"{lanes.VectorType} g = {lanes.Load("dy", Plus(outputRow, "c"))} * {scale};");
            DeclareRef(code, "dxr", "dx", Plus(inputRow, "c"));
            code.Open($"for (nuint p = 0; p < {positions}; p++)");
            code.Line(lanes.Store("g", "dxr", Times("p", cs)));
            code.Close();
        }
        else
        {
            code.Line($"{lanes.VectorType} sum = {lanes.Zero};");
            DeclareRef(code, "xr", "x", Plus(inputRow, "c"));
            code.Open($"for (nuint p = 0; p < {positions}; p++)");
            code.Line($"sum += {lanes.Load("xr", Times("p", cs))};");
            code.Close();
            code.Line(lanes.Store($"sum * {scale}", "y", Plus(outputRow, "c")));
        }

        code.Close();
        code.Close();
        code.Close();
    }
}
