using System;
using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Layers.Dense;

/// <summary>
/// Emits a Dense layer: one kernel call per pass (the forward product with its bias and activation fused, the
/// input gradient, the weight and bias gradients), the activation's derivative between them, and the
/// conversions of its weight between the internal layout and PyTorch's <c>[units, inputs]</c>.
/// </summary>
internal sealed class DenseEmitter : LayerEmitter
{
    public static DenseEmitter Instance { get; } = new();

    public override string Architecture(LayerPlan layer)
    {
        var dense = (DensePlan)layer;
        return $"new global::NetGen.DenseLayerInfo(new global::NetGen.TensorShape({dense.Input.Shape.ToList()}), {dense.Units}, global::NetGen.Activation.{dense.Activation}, {Int(dense.CanonicalOffset)})";
    }

    public override void Forward(PassWriter w, LayerPlan layer)
    {
        var dense = (DensePlan)layer;
        var arguments = new List<string> { w.ForwardInput(dense), At(dense.Weights), At(dense.Bias), FirstRow(dense.Output) };
        if (dense.PreActivationBuffer is not null)
        {
            arguments.Add(Rows(dense.PreActivationBuffer, dense.Output.RowStride));
        }

        arguments.Add(RowCount(dense));
        w.Line($"{dense.Name}Forward({string.Join(", ", arguments)});");
        ActivationPasses.AfterForward(w, dense, dense.Activation);
    }

    public override void BackwardData(PassWriter w, LayerPlan layer)
    {
        var dense = (DensePlan)layer;
        ActivationPasses.Backward(w, dense, dense.Activation);
        if (!dense.NeedsInputGradient)
        {
            return;
        }

        w.Line($"{dense.Name}InputGradient({FirstGradientRow(dense.Output)}, {At(dense.Weights)}, {FirstGradientRow(dense.Input)}, {RowCount(dense)});");
        if (dense.Layout == WeightLayout.InputMajor && dense.Input.ChannelStride != dense.Inputs)
        {
            w.Line($"global::NetGen.Kernels.RowKernels.ClearPadding({FirstGradientRow(dense.Input)}, {RowCount(dense)}, {dense.Input.ChannelStride}, {dense.Inputs});");
        }
    }

    public override void GradientBound(PassWriter w, LayerPlan layer)
    {
        // Each gradient is a sum over rows and positions of products of an input and an output gradient.
        var dense = (DensePlan)layer;
        w.Line($"bound = Math.Max(bound, global::NetGen.Kernels.Reductions.ProductBound({AllRows(dense.Input)}, rows * {dense.Input.RowStride}, {At(dense.Gradient)}, rows * {dense.Output.RowStride}, {RowCount(dense)}));");
    }

    public override void BackwardWeights(PassWriter w, LayerPlan layer)
    {
        var dense = (DensePlan)layer;
        w.Open("if (part == 0)");
        w.Line($"{dense.Name}BiasGradient({At(dense.Gradient)}, {At(dense.Bias)}, {RowCount(dense)}, mode, in c);");
        w.Close();
        string operands = dense.Layout == WeightLayout.InputMajor
            ? $"{AllRows(dense.Input)}, {At(dense.Gradient)}"
            : $"{At(dense.Gradient)}, {AllRows(dense.Input)}";
        w.Line($"{dense.Name}WeightGradient({operands}, {At(dense.Weights)}, {RowCount(dense)}, part, parts, mode, in c);");
    }

    public override void ToCanonical(PassWriter w, LayerPlan layer)
    {
        var dense = (DensePlan)layer;
        WeightLoops(w, dense, $"Span<float> row = destination.Slice({Canonical(dense.CanonicalOffset, dense.Inputs)}, {dense.Inputs});", (canonical, offset) => $"row[{canonical}] = Unsafe.Add(ref block, {offset}) * scale;");
        w.Open($"for (int o = 0; o < {dense.Units}; o++)");
        w.Line($"destination[{Int(dense.CanonicalBiasOffset)} + o] = Unsafe.Add(ref block, {dense.Bias} + o) * scale;");
        w.Close();
    }

    public override void FromCanonical(PassWriter w, LayerPlan layer)
    {
        var dense = (DensePlan)layer;
        WeightLoops(w, dense, $"ReadOnlySpan<float> row = source.Slice({Canonical(dense.CanonicalOffset, dense.Inputs)}, {dense.Inputs});", (canonical, offset) => $"Unsafe.Add(ref block, {offset}) = row[{canonical}];");
        w.Open($"for (int o = 0; o < {dense.Units}; o++)");
        w.Line($"Unsafe.Add(ref block, {dense.Bias} + o) = source[{Int(dense.CanonicalBiasOffset)} + o];");
        w.Close();
    }

    public override void Initialize(PassWriter w, LayerPlan layer)
    {
        // He-uniform for the ReLU family, Glorot-uniform otherwise; the bias stays zero.
        var dense = (DensePlan)layer;
        bool he = dense.Activation is Activation.ReLU or Activation.LeakyReLU or Activation.ELU or Activation.GELU;
        double limit = he ? Math.Sqrt(6.0 / dense.Inputs) : Math.Sqrt(6.0 / (dense.Inputs + (double)dense.Units));
        w.Line(he ? $"// He-uniform, sqrt(6 / {dense.Inputs})" : $"// Glorot-uniform, sqrt(6 / ({dense.Inputs} + {dense.Units}))");
        WeightLoops(w, dense, null, (_, offset) => $"Unsafe.Add(ref s, {offset}) = random.NextSymmetric({Float((float)limit)});");
    }

    public override IEnumerable<IKernel> Kernels(LayerPlan layer)
    {
        var dense = (DensePlan)layer;
        string shape = $"{dense.Inputs} -> {dense.Units}";
        int inputStride = dense.Input.ChannelStride;
        if (dense.Layout == WeightLayout.InputMajor)
        {
            Activation fused = ActivationCode.IsElementwise(dense.Activation) ? dense.Activation : Activation.None;
            string activation = fused == Activation.None ? "x W + b" : $"{dense.Activation}(x W + b)";
            yield return new RowAxpyKernel(dense.Name + "Forward", $"{dense.Describe()}: y = {activation}", dense.Inputs, dense.PaddedUnits, inputStride, AddBias: true, fused, dense.PreActivationBuffer is not null)
            { ExpectedRows = dense.ExpectedRows, Panels = dense.Panels };
            yield return new OuterProductKernel(dense.Name + "WeightGradient", $"Layer {dense.Index + 1} ({shape}): dW[i][o] += sum over rows of x[r][i] dz[r][o]", dense.Inputs, dense.PaddedUnits, inputStride)
            { Panels = dense.Panels };
            if (dense.NeedsInputGradient)
            {
                yield return new RowDotKernel(dense.Name + "InputGradient", $"Layer {dense.Index + 1} ({shape}): dx[r][i] = sum over o of dz[r][o] W[i][o]", dense.Inputs, dense.PaddedUnits, inputStride, AddBias: false, StorePreActivation: false)
                { ExpectedRows = dense.ExpectedRows, Panels = dense.Panels };
            }
        }
        else
        {
            yield return new RowDotKernel(dense.Name + "Forward", $"{dense.Describe()}: y = {dense.Activation}(x W^T + b)", dense.Units, dense.PaddedInputs, dense.PaddedUnits, AddBias: true, dense.PreActivationBuffer is not null)
            { ExpectedRows = dense.ExpectedRows, Activation = ActivationCode.IsElementwise(dense.Activation) ? dense.Activation : Activation.None };
            yield return new OuterProductKernel(dense.Name + "WeightGradient", $"Layer {dense.Index + 1} ({shape}): dW[o][i] += sum over rows of dz[r][o] x[r][i]", dense.Units, dense.PaddedInputs, dense.PaddedUnits);
            yield return new RowAxpyKernel(dense.Name + "InputGradient", $"Layer {dense.Index + 1} ({shape}): dx[r][i] = sum over o of dz[r][o] W[o][i]", dense.Units, dense.PaddedInputs, dense.PaddedUnits, AddBias: false, Activation.None, StorePreActivation: false)
            { ExpectedRows = dense.ExpectedRows };
        }

        yield return new BiasGradientKernel(dense.Name + "BiasGradient", $"Layer {dense.Index + 1} ({shape}): db[o] += sum over rows of dz[r][o]", dense.PaddedUnits);
    }

    /// <summary>Loops over the weight in PyTorch's order, <c>o</c> over the units and the columns in order: for a layer after a Flatten
    /// of P positions of C channels, the columns are <c>c * P + p</c> while NetGen's row holds <c>p * C + c</c>.</summary>
    private static void WeightLoops(PassWriter w, DensePlan dense, string? rowStatement, Func<string, string, string> statement)
    {
        w.Open($"for (int o = 0; o < {dense.Units}; o++)");
        if (rowStatement is not null)
        {
            w.Line(rowStatement);
        }

        if (dense.Input.FlattenedFrom is { Rank: > 1 } flattened)
        {
            long positions = flattened.Positions;
            int channels = flattened.Channels;
            w.Open($"for (int c = 0; c < {channels}; c++)");
            w.Open($"for (int p = 0; p < {positions}; p++)");
            w.Line(statement($"(c * {positions}) + p", Internal(dense, $"(p * {channels}) + c")));
            w.Close();
            w.Close();
        }
        else
        {
            w.Open($"for (int i = 0; i < {dense.Inputs}; i++)");
            w.Line(statement("i", Internal(dense, "i")));
            w.Close();
        }

        w.Close();
    }

    /// <summary>The offset of weight (o, <paramref name="input"/>) in the internal layout.</summary>
    private static string Internal(DensePlan dense, string input) => dense.Layout == WeightLayout.OutputMajor
        ? $"{dense.Weights} + (o * {dense.PaddedInputs}) + {Parenthesize(input)}"
        : $"{dense.Weights} + {dense.Panels.Offset(Parenthesize(input), "o")}";

    /// <summary>The canonical offset of row <c>o</c> of a weight starting at <paramref name="start"/>.</summary>
    private static string Canonical(long start, int rowLength) => start == 0 ? $"o * {rowLength}" : $"{Int(start)} + (o * {rowLength})";

    private static string Parenthesize(string expression) => expression.Contains(" ") ? $"({expression})" : expression;

    /// <summary>The rows the kernels see: every position of every row.</summary>
    private static string RowCount(DensePlan dense) => ActivationPasses.PositionCount(dense.Output);
}
