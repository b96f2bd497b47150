using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Model;
using NetGen.Generator.Shapes;
using static NetGen.Generator.Emit.EmitContext;

namespace NetGen.Generator.Emit;

/// <summary>
/// Emits, for one instruction set, the forward pass, the backward pass and the kernels they call,
/// as one file. The passes walk the layers in order and call one kernel per step with constant sizes.
/// </summary>
internal static class PassEmitter
{
    public static string Emit(EmitContext context, Isa isa)
    {
        var code = new CodeWriter();
        TypeShell.Open(code, context.Spec, null, $"the {isa.Name} path");
        EmitForward(code, context, isa);
        code.Line();
        EmitBackward(code, context, isa);
        code.Line();
        GradientStore.EmitStore(code, isa);
        foreach (LayerLayout layer in context.Layout.Layers)
        {
            if (layer is DenseLayout dense)
            {
                foreach (var kernel in KernelsOf(context, dense))
                {
                    code.Line();
                    kernel(code, isa);
                }
            }
        }

        TypeShell.Close(code, context.Spec);
        return code.ToString();
    }

    public static string KernelName(DenseLayout dense, string step, Isa isa) => $"{LayerName(dense)}{step}_{isa.Name}";

    private static void EmitForward(CodeWriter code, EmitContext context, Isa isa)
    {
        code.Line("// The forward pass over 'rows' rows from row 'first' ('input' points at row 'first' of the input); in training");
        code.Line("// steps dropout layers apply the masks SampleMasks drew, otherwise they are skipped.");
        code.Line(Isa.FullOptimization);
        code.Open($"private static void Forward_{isa.Name}(ref float s, ref float input, int first, int rows, bool training)");
        bool firstLayer = true;
        foreach (LayerLayout layer in context.Layout.Layers)
        {
            if (!firstLayer)
            {
                code.Line();
            }

            firstLayer = false;
            code.Line($"// {Describe(layer)}");
            if (layer is DenseLayout dense)
            {
                EmitDenseForward(code, context, isa, dense);
            }
            else if (layer is DropoutLayout dropout)
            {
                EmitDropoutForward(code, context, isa, dropout);
            }
        }

        code.Close();
    }

    /// <summary>A reference to row 'first' of a slab buffer whose rows are <paramref name="stride"/> floats apart.</summary>
    private static string RowsAt(string constant, int stride) => $"ref Unsafe.Add(ref s, {constant} + (first * {stride}))";

    /// <summary>Row 'first' of where a layer reads its input.</summary>
    private static string SourceRows(EmitContext context, RowSource source)
    {
        if (source.IsNetworkInput)
        {
            return "ref input";
        }

        foreach (LayerLayout layer in context.Layout.Layers)
        {
            if (layer.OutputOffset == source.Offset)
            {
                return RowsAt(Output(layer), source.Stride);
            }
        }

        return $"ref Unsafe.Add(ref s, {Int(source.Offset)} + (first * {source.Stride}))";
    }

    private static void EmitDenseForward(CodeWriter code, EmitContext context, Isa isa, DenseLayout dense)
    {
        string name = LayerName(dense);
        RowSource training = dense.Source;
        RowSource inference = context.Layout.InferenceSource(dense);
        string input = SourceRows(context, training);
        if (inference != training)
        {
            code.Line($"ref float {Camel(name)}Input = ref training ? {SourceRows(context, training)} : {SourceRows(context, inference)};");
            input = $"ref {Camel(name)}Input";
        }

        var arguments = new List<string> { input, At(Weights(dense)), At(Bias(dense)), RowsAt(Output(dense), dense.PaddedOutputs) };
        if (dense.StoresPreActivation)
        {
            arguments.Add(RowsAt(PreActivation(dense), dense.PaddedOutputs));
        }

        arguments.Add("rows");
        code.Line($"{KernelName(dense, "Forward", isa)}({string.Join(", ", arguments)});");

        bool fusedActivation = dense.WeightLayout == WeightLayout.InputMajor;
        if (!fusedActivation && ActivationIsElementwise(dense.Activation))
        {
            EmitElementwise(code, isa, $"rows * {dense.PaddedOutputs}", new[] { ("y", RowsAt(Output(dense), dense.PaddedOutputs)) },
                "y", $"{ActivationName(dense.Activation)}({isa.Load("y", "i")})");
        }

        if (dense.Activation == ActivationKind.Softmax)
        {
            code.Open("for (int r = first; r < first + rows; r++)");
            code.Line($"ref float row = ref Unsafe.Add(ref s, {Output(dense)} + (r * {dense.PaddedOutputs}));");
            code.Line($"global::NetGen.Kernels.RowKernels.Softmax(ref row, ref row, {dense.Outputs});");
            code.Close();
        }

        if (dense.Activation == ActivationKind.Sigmoid && dense.Outputs != dense.PaddedOutputs)
        {
            code.Line($"global::NetGen.Kernels.RowKernels.ClearPadding({RowsAt(Output(dense), dense.PaddedOutputs)}, rows, {dense.PaddedOutputs}, {dense.Outputs});");
        }
    }

    private static void EmitDropoutForward(CodeWriter code, EmitContext context, Isa isa, DropoutLayout dropout)
    {
        code.Open("if (training)");
        if (dropout.Source.IsNetworkInput)
        {
            // The caller's rows are not padded: vectors over the whole multiple of the width, then single floats.
            int vectorEnd = dropout.Outputs / isa.Width * isa.Width;
            code.Open("for (int r = 0; r < rows; r++)");
            EmitInputRowReferences(code, dropout);
            code.Line($"ref float m = ref Unsafe.Add(ref s, {Mask(dropout)} + ((first + r) * {dropout.PaddedOutputs}));");
            if (vectorEnd > 0)
            {
                code.Open($"for (nuint i = 0; i < {vectorEnd}; i += {isa.Width})");
                code.Line(isa.Store($"{isa.Load("x", "i")} * {isa.Load("m", "i")}", "y", "i"));
                code.Close();
            }

            if (vectorEnd < dropout.Outputs)
            {
                code.Open($"for (int i = {vectorEnd}; i < {dropout.Outputs}; i++)");
                code.Line("Unsafe.Add(ref y, i) = Unsafe.Add(ref x, i) * Unsafe.Add(ref m, i);");
                code.Close();
            }

            code.Close();
            code.Close();

            // In inference the layer is the identity, but the next layer reads padded rows: copy them.
            code.Open("else");
            code.Open("for (int r = 0; r < rows; r++)");
            EmitInputRowReferences(code, dropout);
            code.Line($"Unsafe.CopyBlockUnaligned(ref Unsafe.As<float, byte>(ref y), ref Unsafe.As<float, byte>(ref x), {dropout.Outputs * 4});");
            code.Close();
        }
        else
        {
            code.Line($"ref float x = {SourceRows(context, dropout.Source)};");
            EmitElementwise(code, isa, $"rows * {dropout.PaddedOutputs}", new[] { ("m", RowsAt(Mask(dropout), dropout.PaddedOutputs)), ("y", RowsAt(Output(dropout), dropout.PaddedOutputs)) },
                "y", $"{isa.Load("x", "i")} * {isa.Load("m", "i")}");
        }

        code.Close();
    }

    private static void EmitInputRowReferences(CodeWriter code, DropoutLayout dropout)
    {
        code.Line($"ref float x = ref Unsafe.Add(ref input, r * {dropout.Outputs});");
        code.Line($"ref float y = ref Unsafe.Add(ref s, {Output(dropout)} + ((first + r) * {dropout.PaddedOutputs}));");
    }

    private static void EmitBackward(CodeWriter code, EmitContext context, Isa isa)
    {
        NetworkLayout layout = context.Layout;
        code.Line("// The backward data pass over 'rows' rows from row 'first': the gradient with respect to the output layer's");
        code.Line("// pre-activation is in its gradient rows; each Dense layer after the first turns its gradient rows into those");
        code.Line("// of the Dense layer before it (through the dropout masks and that layer's activation). Rows are independent.");
        code.Line(Isa.FullOptimization);
        code.Open($"private static void BackwardData_{isa.Name}(ref float s, int first, int rows)");
        bool fusedLoss = context.Spec.Loss is LossKind.BinaryCrossEntropy or LossKind.CategoricalCrossEntropy;
        if (!fusedLoss)
        {
            EmitActivationBackward(code, isa, layout.Output);
        }

        bool firstLayer = true;
        for (int index = layout.Layers.Count - 1; index >= 0; index--)
        {
            if (layout.Layers[index] is not DenseLayout { NeedsInputGradient: true } dense)
            {
                continue;
            }

            if (!firstLayer)
            {
                code.Line();
            }

            firstLayer = false;
            DenseLayout previous = (DenseLayout)layout.Layers.Take(dense.Index).Last(layer => layer is DenseLayout);
            string target = RowsAt(OutputGradient(previous), previous.PaddedOutputs);
            code.Line($"// {Describe(dense)}");
            code.Line($"{KernelName(dense, "InputGradient", isa)}({RowsAt(OutputGradient(dense), dense.PaddedOutputs)}, {At(Weights(dense))}, {target}, rows);");
            if (dense.WeightLayout == WeightLayout.InputMajor && dense.Inputs != dense.PaddedInputs)
            {
                code.Line($"global::NetGen.Kernels.RowKernels.ClearPadding({target}, rows, {dense.PaddedInputs}, {dense.Inputs});");
            }

            foreach (DropoutLayout dropout in layout.DropoutsBefore(dense))
            {
                code.Line($"// {Describe(dropout)}: the gradient passes where the mask kept the input, scaled as it was");
                EmitElementwise(code, isa, $"rows * {dropout.PaddedOutputs}", new[] { ("d", target), ("m", RowsAt(Mask(dropout), dropout.PaddedOutputs)) },
                    "d", $"{isa.Load("d", "i")} * {isa.Load("m", "i")}");
            }

            EmitActivationBackward(code, isa, previous);
        }

        code.Close();
        code.Line();
        code.Line("// The weight and bias gradients of every layer over all 'rows' rows, written to the gradient block as 'mode'");
        code.Line("// says (and, in a fused training step, the parameters updated). Part 'part' of 'parts' takes its share of");
        code.Line("// each weight gradient's rows, and part 0 the biases, so that parts write disjoint floats.");
        code.Line(Isa.FullOptimization);
        code.Open($"private static void BackwardWeights_{isa.Name}(ref float s, ref float input, int rows, int part, int parts, {GradientStore.Parameters})");
        firstLayer = true;
        for (int index = layout.Layers.Count - 1; index >= 0; index--)
        {
            if (layout.Layers[index] is not DenseLayout dense)
            {
                continue;
            }

            if (!firstLayer)
            {
                code.Line();
            }

            firstLayer = false;
            string gradient = At(OutputGradient(dense));
            string source = context.SourceReference(dense.Source);
            code.Line($"// {Describe(dense)}");
            code.Open("if (part == 0)");
            code.Line($"{KernelName(dense, "BiasGradient", isa)}({gradient}, {At($"Parameters + {Bias(dense)}")}, rows, mode, in c);");
            code.Close();
            string operands = dense.WeightLayout == WeightLayout.InputMajor ? $"{source}, {gradient}" : $"{gradient}, {source}";
            code.Line($"{KernelName(dense, "WeightGradient", isa)}({operands}, {At($"Parameters + {Weights(dense)}")}, rows, part, parts, mode, in c);");
        }

        code.Close();
    }

    /// <summary>Turns the gradient with respect to a Dense layer's output into the gradient with respect to its pre-activation,
    /// in place in its gradient rows, for the rows from 'first'.</summary>
    public static void EmitActivationBackward(CodeWriter code, Isa isa, DenseLayout dense)
    {
        if (dense.Activation == ActivationKind.None)
        {
            return;
        }

        code.Line($"// through layer {dense.Index + 1}'s {dense.Activation}");
        if (dense.Activation == ActivationKind.Softmax)
        {
            code.Open("for (int r = first; r < first + rows; r++)");
            code.Line($"ref float y = ref Unsafe.Add(ref s, {Output(dense)} + (r * {dense.PaddedOutputs}));");
            code.Line($"ref float d = ref Unsafe.Add(ref s, {OutputGradient(dense)} + (r * {dense.PaddedOutputs}));");
            code.Line($"global::NetGen.Kernels.RowKernels.SoftmaxBackward(ref y, ref d, ref d, {dense.Outputs});");
            code.Close();
            return;
        }

        string input = dense.Activation == ActivationKind.GELU ? PreActivation(dense) : Output(dense);
        EmitElementwise(code, isa, $"rows * {dense.PaddedOutputs}", new[] { ("d", RowsAt(OutputGradient(dense), dense.PaddedOutputs)), ("y", RowsAt(input, dense.PaddedOutputs)) },
            "d", $"{ActivationName(dense.Activation)}Backward({isa.Load("y", "i")}, {isa.Load("d", "i")})");
    }

    /// <summary>A loop over <paramref name="count"/> contiguous floats, a vector at a time (every count here is a whole number of vectors).</summary>
    private static void EmitElementwise(CodeWriter code, Isa isa, string count, IEnumerable<(string Name, string Reference)> buffers, string target, string value)
    {
        code.Open("// element-wise");
        foreach ((string name, string reference) in buffers)
        {
            code.Line($"ref float {name} = {reference};");
        }

        code.Open($"for (nuint i = 0; i < (nuint)({count}); i += {isa.Width})");
        code.Line(isa.Store(value, target, "i"));
        code.Close();
        code.Close();
    }

    private static IEnumerable<System.Action<CodeWriter, Isa>> KernelsOf(EmitContext context, DenseLayout dense)
    {
        string shape = $"{dense.Inputs} -> {dense.Outputs}";
        Panels panels = Panels.Of(dense);
        if (dense.WeightLayout == WeightLayout.InputMajor)
        {
            ActivationKind fused = ActivationIsElementwise(dense.Activation) ? dense.Activation : ActivationKind.None;
            string activation = fused == ActivationKind.None ? string.Empty : $"{dense.Activation}(";
            yield return (code, isa) => new RowAxpyKernel(
                KernelName(dense, "Forward", isa),
                $"{Describe(dense)}: y = {activation}x W + b{(activation.Length > 0 ? ")" : string.Empty)}",
                dense.Inputs,
                dense.PaddedOutputs,
                dense.Source.Stride,
                AddBias: true,
                fused,
                dense.StoresPreActivation) { ExpectedRows = context.Spec.BatchSize, Panels = panels }.Emit(code, isa);
            yield return (code, isa) => new OuterProductKernel(
                KernelName(dense, "WeightGradient", isa),
                $"Layer {dense.Index + 1} ({shape}): dW[i][o] += sum over rows of x[r][i] dz[r][o]",
                dense.Inputs,
                dense.PaddedOutputs,
                dense.Source.Stride) { Panels = panels }.Emit(code, isa);
            if (dense.NeedsInputGradient)
            {
                yield return (code, isa) => new RowDotKernel(
                    KernelName(dense, "InputGradient", isa),
                    $"Layer {dense.Index + 1} ({shape}): dx[r][i] = sum over o of dz[r][o] W[i][o]",
                    dense.Inputs,
                    dense.PaddedOutputs,
                    dense.PaddedInputs,
                    AddBias: false,
                    StorePreActivation: false) { ExpectedRows = context.Spec.BatchSize, Panels = panels }.Emit(code, isa);
            }
        }
        else
        {
            yield return (code, isa) => new RowDotKernel(
                KernelName(dense, "Forward", isa),
                $"{Describe(dense)}: y = x W^T + b (the activation follows)",
                dense.Outputs,
                dense.PaddedInputs,
                dense.PaddedOutputs,
                AddBias: true,
                dense.StoresPreActivation) { ExpectedRows = context.Spec.BatchSize }.Emit(code, isa);
            yield return (code, isa) => new OuterProductKernel(
                KernelName(dense, "WeightGradient", isa),
                $"Layer {dense.Index + 1} ({shape}): dW[o][i] += sum over rows of dz[r][o] x[r][i]",
                dense.Outputs,
                dense.PaddedInputs,
                dense.PaddedOutputs).Emit(code, isa);
            yield return (code, isa) => new RowAxpyKernel(
                KernelName(dense, "InputGradient", isa),
                $"Layer {dense.Index + 1} ({shape}): dx[r][i] = sum over o of dz[r][o] W[o][i]",
                dense.Outputs,
                dense.PaddedInputs,
                dense.PaddedOutputs,
                AddBias: false,
                ActivationKind.None,
                StorePreActivation: false) { ExpectedRows = context.Spec.BatchSize }.Emit(code, isa);
        }

        yield return (code, isa) => new BiasGradientKernel(
            KernelName(dense, "BiasGradient", isa),
            $"Layer {dense.Index + 1} ({shape}): db[o] += sum over rows of dz[r][o]",
            dense.PaddedOutputs).Emit(code, isa);
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);
}
