using System;
using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Planning;
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
        string input = w.ForwardInput(dense);
        ChannelFold? fold = w.Network.FoldInto(dense.Index);
        if (fold is not null)
        {
            w.Open("if (training)");
        }

        if (dense.InferenceWeights is not null)
        {
            // A one-row inference call reads the copy of the weights in the order its tiles need, once the copy has been made.
            w.Open($"if (!training && rows == 1 && Unsafe.Add(ref s, {dense.InferenceWeightsCurrent}) != 0f)");
            w.Line($"{dense.Name}ForwardFromCopy({input}, {At(dense.Weights)}, {At(dense.InferenceWeights)}, {At(dense.Bias)}, {FirstRow(dense.Output)}, rows);");
            w.Close();
            w.Open("else");
            w.Line($"{dense.Name}Forward({input}, {At(dense.Weights)}, {At(dense.Bias)}, {FirstRow(dense.Output)}, {RowCount(dense)});");
            w.Close();
            ActivationPasses.AfterForward(w, dense, dense.Activation, ActivationPasses.FirstPosition(dense.Output), ActivationPasses.EndPosition(dense.Output), FirstRow(dense.Output), RowCount(dense));
            return;
        }

        EmitForward(w, dense, input, FirstRow(dense.Output), dense.PreActivationBuffer is null ? null : Rows(dense.PreActivationBuffer, dense.Output.RowStride), RowCount(dense), ActivationPasses.FirstPosition(dense.Output), ActivationPasses.EndPosition(dense.Output));
        if (fold is not null)
        {
            ElseFolded(w, dense, fold, input, RowCount(dense));
        }
    }

    /// <summary>One step is the forward pass of one position: the layer's output at that step depends on its input at that step only.
    /// Like a one-row inference call, it reads the copy of the weights once that is made.</summary>
    public override void Step(PassWriter w, LayerPlan layer)
    {
        var dense = (DensePlan)layer;
        if (dense.InferenceWeights is not null)
        {
            w.Open($"if (Unsafe.Add(ref s, {dense.InferenceWeightsCurrent}) != 0f)");
            w.Line($"{dense.Name}ForwardFromCopy({StepInput(dense)}, {At(dense.Weights)}, {At(dense.InferenceWeights)}, {At(dense.Bias)}, {StepOutput(dense)}, 1);");
            ActivationPasses.AfterForward(w, dense, dense.Activation, "0", "1", StepOutput(dense), "1");
            w.Close();
            w.Open("else");
            EmitForward(w, dense, StepInput(dense), StepOutput(dense), null, "1", "0", "1");
            w.Close();
            return;
        }

        EmitForward(w, dense, StepInput(dense), StepOutput(dense), dense.PreActivationBuffer is null ? null : At(dense.PreActivationBuffer), "1", "0", "1");
    }

    /// <summary>The forward kernel over <paramref name="rows"/> positions, then the softmax of each and the sigmoid's padding.</summary>
    private static void EmitForward(PassWriter w, DensePlan dense, string input, string output, string? preActivation, string rows, string firstPosition, string endPosition)
    {
        var arguments = new List<string> { input, At(dense.Weights), At(dense.Bias), output };
        if (preActivation is not null)
        {
            arguments.Add(preActivation);
        }

        arguments.Add(rows);
        w.Line($"{dense.Name}Forward({string.Join(", ", arguments)});");
        ActivationPasses.AfterForward(w, dense, dense.Activation, firstPosition, endPosition, output, rows);
    }

    public override void MakeInferenceCopies(PassWriter w, LayerPlan layer)
    {
        var dense = (DensePlan)layer;
        if (dense.InferenceWeights is not null)
        {
            w.Line($"{dense.Name}CopyWeights({At(dense.Weights)}, {At(dense.InferenceWeights)});");
            w.Line($"Unsafe.Add(ref s, {dense.InferenceWeightsCurrent}) = 1f;");
        }
    }

    public override void DiscardInferenceCopies(PassWriter w, LayerPlan layer)
    {
        var dense = (DensePlan)layer;
        if (dense.InferenceWeights is not null)
        {
            w.Line($"Unsafe.Add(ref s, {dense.InferenceWeightsCurrent}) = 0f;");
        }
    }

    public override void FoldChannelAffine(PassWriter w, LayerPlan layer, ChannelFold fold)
    {
        var dense = (DensePlan)layer;
        if (dense.Layout == WeightLayout.OutputMajor)
        {
            w.Open($"for (int o = 0; o < {dense.Units}; o++)");
            w.Line($"global::NetGen.Kernels.ElementwiseKernels.Scale(ref Unsafe.Add(ref s, {dense.Weights} + (o * {dense.PaddedInputs})), Unsafe.Add(ref s, {fold.Scale} + o), ref Unsafe.Add(ref s, {fold.FoldedWeights} + (o * {dense.PaddedInputs})), {dense.Inputs});");
            w.Close();
        }
        else
        {
            // Row i of each panel times the scales of the panel's columns.
            PanelLayout panels = dense.Panels;
            w.Open($"for (int panel = 0; panel < {panels.Count}; panel++)");
            w.Line(panels.LastWidth == 0 ? $"int width = {panels.Width}, start = panel * {panels.Stride};" : $"int width = panel < {panels.Full} ? {panels.Width} : {panels.LastWidth}, start = panel * {panels.Stride};");
            w.Open($"for (int i = 0; i < {dense.Inputs}; i++)");
            w.Line($"global::NetGen.Kernels.ElementwiseKernels.Multiply(ref Unsafe.Add(ref s, {dense.Weights} + start + (i * width)), ref Unsafe.Add(ref s, {fold.Scale} + (panel * {panels.Width})), ref Unsafe.Add(ref s, {fold.FoldedWeights} + start + (i * width)), width);");
            w.Close();
            w.Close();
        }

        FoldBias(w, dense.Bias, dense.Units, fold);
    }

    public override IEnumerable<IKernel> FoldedKernels(LayerPlan layer, ChannelFold fold)
    {
        var dense = (DensePlan)layer;
        yield return ForwardKernel(dense, dense.Name + "ForwardFolded", $"Layer {dense.Index + 1} with layer {dense.Index + 2} folded in, for inference calls", fold.Activation, storePreActivation: false);
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
        w.Line(he ? $"// He-uniform, sqrt(6 / {dense.Inputs}); the bias stays zero" : $"// Glorot-uniform, sqrt(6 / ({dense.Inputs} + {dense.Units})); the bias stays zero");
        WeightLoops(w, dense, null, (_, offset) => $"Unsafe.Add(ref s, {offset}) = random.NextSymmetric({Float((float)limit)});");
    }

    public override IEnumerable<IKernel> Kernels(LayerPlan layer)
    {
        var dense = (DensePlan)layer;
        string shape = $"{dense.Inputs} -> {dense.Units}";
        int inputStride = dense.Input.ChannelStride;
        yield return ForwardKernel(dense, dense.Name + "Forward", dense.Describe(), dense.Activation, dense.PreActivationBuffer is not null);
        if (dense.InferenceWeights is not null)
        {
            yield return ((RowDotKernel)ForwardKernel(dense, dense.Name + "ForwardFromCopy", dense.Describe() + ", one row at a time from the weights' copy", dense.Activation, storePreActivation: false))
                with { ReadsCopyOf = dense.Name + "Forward" };
            yield return new RowDotInterleaveKernel(dense.Name + "CopyWeights", $"Layer {dense.Index + 1} ({shape}): the weights copied for one-row inference calls", dense.Units, dense.PaddedInputs);
        }

        if (dense.Layout == WeightLayout.InputMajor)
        {
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
            yield return new OuterProductKernel(dense.Name + "WeightGradient", $"Layer {dense.Index + 1} ({shape}): dW[o][i] += sum over rows of dz[r][o] x[r][i]", dense.Units, dense.PaddedInputs, dense.PaddedUnits);
            yield return new RowAxpyKernel(dense.Name + "InputGradient", $"Layer {dense.Index + 1} ({shape}): dx[r][i] = sum over o of dz[r][o] W[o][i]", dense.Units, dense.PaddedInputs, dense.PaddedUnits, AddBias: false, Activation.None, StorePreActivation: false)
            { ExpectedRows = dense.ExpectedRows };
        }

        yield return new BiasGradientKernel(dense.Name + "BiasGradient", $"Layer {dense.Index + 1} ({shape}): db[o] += sum over rows of dz[r][o]", dense.PaddedUnits);
    }

    /// <summary>The forward kernel: the product, the bias and, when it is element-wise, <paramref name="activation"/> fused.</summary>
    private static IKernel ForwardKernel(DensePlan dense, string name, string description, Activation activation, bool storePreActivation)
    {
        Activation fused = ActivatedOutput.InKernel(activation);
        if (dense.Layout == WeightLayout.InputMajor)
        {
            string product = fused == Activation.None ? "x W + b" : $"{activation}(x W + b)";
            return new RowAxpyKernel(name, $"{description}: y = {product}", dense.Inputs, dense.PaddedUnits, dense.Input.ChannelStride, AddBias: true, fused, storePreActivation)
            { ExpectedRows = dense.ExpectedRows, Panels = dense.Panels };
        }

        return new RowDotKernel(name, $"{description}: y = {activation}(x W^T + b)", dense.Units, dense.PaddedInputs, dense.PaddedUnits, AddBias: true, storePreActivation)
        { ExpectedRows = dense.ExpectedRows, Activation = fused };
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
