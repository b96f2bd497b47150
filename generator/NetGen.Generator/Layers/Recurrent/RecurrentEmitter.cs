using System;
using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Layers.Recurrent;

/// <summary>
/// Emits a GRU or LSTM layer. Forward: the input sums <c>x W_ih + b_ih</c> of every step of every row in one product, then step
/// after step the recurrent sums <c>h W_hh + b_hh</c> of the rows and the cell's gates. Backward, through the whole sequence in
/// reverse: the gates' gradient of each step, then its product with W_hh (a copy of W_hh laid out for it, made once per call)
/// carried to the step before; then the input gradient and the weight gradients as products over every step of every row. A
/// streamed step runs both products and the gates in registers. The weights are stored input-major, each gate's units padded to
/// whole vectors, and exchanged with PyTorch in its <c>[G units, F]</c> order.
/// </summary>
internal sealed class RecurrentEmitter : LayerEmitter
{
    public static RecurrentEmitter Instance { get; } = new();

    public override string Architecture(LayerPlan layer)
    {
        var l = (RecurrentPlan)layer;
        return $"new {l.Cell.RecurrentLayerInfoName}(new global::NetGen.TensorShape({l.Input.Shape.ToList()}), {l.Units}, {(l.ReturnSequences ? "true" : "false")}, {Int(l.CanonicalOffset)})";
    }

    public override void Forward(PassWriter w, LayerPlan layer)
    {
        var l = (RecurrentPlan)layer;
        RecurrentBuffers b = l.Buffers;
        w.Line($"{l.Name}InputProjection({w.ForwardInput(l)}, {At(b.InputWeights)}, {At(b.InputBias)}, {Rows(b.InputGates, StepRow(l, l.GateWidth))}, rows * {l.Steps});");
        w.Open($"for (int t = 0; t < {l.Steps}; t++)");
        w.Line($"{l.Name}RecurrentProduct({AtStep(b.Previous, l, l.PaddedUnits)}, {At(b.RecurrentWeights)}, {At(b.RecurrentBias)}, {Rows(b.RecurrentSums, l.GateWidth)}, rows);");
        var gates = new List<string> { Rows(b.InputGates, StepRow(l, l.GateWidth)), Rows(b.RecurrentSums, l.GateWidth), Rows(b.Previous, StepRow(l, l.PaddedUnits)) };
        if (b.PreviousCells is not null)
        {
            gates.Add(Rows(b.PreviousCells, StepRow(l, l.PaddedUnits)));
        }

        gates.AddRange(new[] { Rows(b.Saved, StepRow(l, l.Cell.SavedBlocks * l.PaddedUnits)), FirstRow(l.Output), "rows", "t" });
        w.Line($"{l.Name}Gates({string.Join(", ", gates)});");
        w.Close();
    }

    public override void PrepareBackward(PassWriter w, LayerPlan layer)
    {
        var l = (RecurrentPlan)layer;
        RecurrentBuffers b = l.Buffers;
        w.Line($"// W_hh [{l.Units}][{l.GateWidth}] transposed to [{l.GateWidth}][{l.PaddedUnits}], the rows the backward pass multiplies the gates' gradient by");
        w.Open($"for (int k = 0; k < {l.Units}; k++)");
        w.Open($"for (int j = 0; j < {l.GateWidth}; j++)");
        w.Line($"Unsafe.Add(ref s, {b.Transposed} + (j * {l.PaddedUnits}) + k) = Unsafe.Add(ref s, {b.RecurrentWeights} + (k * {l.GateWidth}) + j);");
        w.Close();
        w.Close();
    }

    public override void BackwardData(PassWriter w, LayerPlan layer)
    {
        var l = (RecurrentPlan)layer;
        RecurrentBuffers b = l.Buffers;
        int pu = l.PaddedUnits;
        if (l.ReturnSequences)
        {
            w.Line("// the gradient carried from a later step starts at zero; each step adds the output's own");
            Clear(w, b.Carry, pu);
        }
        else
        {
            w.Line("// the gradient carried from a later step starts at the output's, which is the last step's state");
            w.Line($"MemoryMarshal.CreateReadOnlySpan({FirstGradientRow(l.Output)}, rows * {pu}).CopyTo(MemoryMarshal.CreateSpan({Rows(b.Carry, pu)}, rows * {pu}));");
        }

        Clear(w, b.CarryProduct, pu);
        if (b.CarryCell is not null)
        {
            Clear(w, b.CarryCell, pu);
        }

        w.Open($"for (int t = {l.Steps - 1}; t >= 0; t--)");
        var gates = new List<string> { FirstGradientRow(l.Output), Rows(b.Saved, StepRow(l, l.Cell.SavedBlocks * pu)) };
        gates.Add(b.PreviousCells is not null ? Rows(b.PreviousCells, StepRow(l, pu)) : Rows(b.Previous, StepRow(l, pu)));
        gates.Add(Rows(b.InputGates, StepRow(l, l.GateWidth)));
        if (l.Cell.SeparateRecurrentGradient)
        {
            gates.Add(Rows(b.RecurrentGradient, StepRow(l, l.GateWidth)));
        }

        gates.AddRange(new[] { Rows(b.Carry, pu), Rows(b.CarryProduct, pu) });
        if (b.CarryCell is not null)
        {
            gates.Add(Rows(b.CarryCell, pu));
        }

        gates.Add("rows");
        gates.Add("t");
        w.Line($"{l.Name}GatesBackward({string.Join(", ", gates)});");
        w.Open("if (t > 0)");
        w.Line($"{l.Name}StateGradient({AtStep(b.RecurrentGradient, l, l.GateWidth)}, {At(b.Transposed)}, {Rows(b.CarryProduct, pu)}, rows);");
        w.Close();
        w.Close();

        if (!l.NeedsInputGradient)
        {
            return;
        }

        w.Line($"{l.Name}InputGradient({Rows(b.InputGates, StepRow(l, l.GateWidth))}, {At(b.InputWeights)}, {FirstGradientRow(l.Input)}, rows * {l.Steps});");
        if (l.Input.ChannelStride != l.Features)
        {
            w.Line($"global::NetGen.Kernels.RowKernels.ClearPadding({FirstGradientRow(l.Input)}, rows * {l.Steps}, {l.Input.ChannelStride}, {l.Features});");
        }
    }

    public override void GradientBound(PassWriter w, LayerPlan layer)
    {
        // Each weight gradient sums over rows and steps products of an input (x, or the state entering the step) and a gate's gradient.
        var l = (RecurrentPlan)layer;
        RecurrentBuffers b = l.Buffers;
        string terms = $"rows * {l.Steps}";
        w.Line($"bound = Math.Max(bound, global::NetGen.Kernels.Reductions.ProductBound({AllRows(l.Input)}, rows * {l.Input.RowStride}, {At(b.InputGates)}, rows * {StepRow(l, l.GateWidth)}, {terms}));");
        w.Line($"bound = Math.Max(bound, global::NetGen.Kernels.Reductions.ProductBound({At(b.Previous)}, rows * {StepRow(l, l.PaddedUnits)}, {At(b.RecurrentGradient)}, rows * {StepRow(l, l.GateWidth)}, {terms}));");
    }

    public override void BackwardWeights(PassWriter w, LayerPlan layer)
    {
        var l = (RecurrentPlan)layer;
        RecurrentBuffers b = l.Buffers;
        string terms = $"rows * {l.Steps}";
        w.Open("if (part == 0)");
        w.Line($"{l.Name}BiasGradient({At(b.InputGates)}, {At(b.InputBias)}, {terms}, mode, in c);");
        w.Line($"{l.Name}BiasGradient({At(b.RecurrentGradient)}, {At(b.RecurrentBias)}, {terms}, mode, in c);");
        w.Close();
        w.Line($"{l.Name}InputWeightGradient({AllRows(l.Input)}, {At(b.InputGates)}, {At(b.InputWeights)}, {terms}, part, parts, mode, in c);");
        w.Line($"{l.Name}RecurrentWeightGradient({At(b.Previous)}, {At(b.RecurrentGradient)}, {At(b.RecurrentWeights)}, {terms}, part, parts, mode, in c);");
    }

    public override void ToCanonical(PassWriter w, LayerPlan layer)
        => Tensors(w, (RecurrentPlan)layer, (canonical, offset) => $"destination[{canonical}] = Unsafe.Add(ref block, {offset}) * scale;");

    public override void FromCanonical(PassWriter w, LayerPlan layer)
        => Tensors(w, (RecurrentPlan)layer, (canonical, offset) => $"Unsafe.Add(ref block, {offset}) = source[{canonical}];");

    public override void Initialize(PassWriter w, LayerPlan layer)
    {
        var l = (RecurrentPlan)layer;
        float limit = (float)(1.0 / Math.Sqrt(l.Units));
        w.Line($"// every tensor U(-1/sqrt({l.Units}), 1/sqrt({l.Units})), as PyTorch initialises a recurrent layer");
        Tensors(w, l, (_, offset) => $"Unsafe.Add(ref s, {offset}) = random.NextSymmetric({Float(limit)});");
    }

    public override void Step(PassWriter w, LayerPlan layer)
    {
        var l = (RecurrentPlan)layer;
        RecurrentBuffers b = l.Buffers;
        var arguments = new List<string> { StepInput(l), At(b.InputWeights), At(b.InputBias), At(b.RecurrentWeights), At(b.RecurrentBias), At(b.State) };
        if (b.CellState is not null)
        {
            arguments.Add(At(b.CellState));
        }

        arguments.AddRange(new[] { StepOutput(l), At(b.StepSums) });
        if (l.StepWeights is null)
        {
            w.Line($"{l.Name}Step({string.Join(", ", arguments)});");
            return;
        }

        // Once the copy of W_hh is made, each step reads it, its blocks in the order opposite to the step before's.
        w.Open($"if (Unsafe.Add(ref s, {l.StepWeightsCurrent}) != 0f)");
        w.Line($"ref float order = ref Unsafe.Add(ref s, {l.StepOrder});");
        var fromCopy = new List<string>(arguments);
        fromCopy.Insert(4, At(l.StepWeights));
        fromCopy.Add("order != 0f");
        w.Line($"{l.Name}StepFromCopy({string.Join(", ", fromCopy)});");
        w.Line("order = 1f - order;");
        w.Close();
        w.Open("else");
        w.Line($"{l.Name}Step({string.Join(", ", arguments)});");
        w.Close();
    }

    public override void MakeInferenceCopies(PassWriter w, LayerPlan layer)
    {
        var l = (RecurrentPlan)layer;
        if (l.StepWeights is not null)
        {
            w.Line($"{l.Name}CopyStepWeights({At(l.Buffers.RecurrentWeights)}, {At(l.StepWeights)});");
            w.Line($"Unsafe.Add(ref s, {l.StepWeightsCurrent}) = 1f;");
        }
    }

    public override void DiscardInferenceCopies(PassWriter w, LayerPlan layer)
    {
        var l = (RecurrentPlan)layer;
        if (l.StepWeights is not null)
        {
            w.Line($"Unsafe.Add(ref s, {l.StepWeightsCurrent}) = 0f;");
        }
    }

    public override IEnumerable<IKernel> Kernels(LayerPlan layer)
    {
        var l = (RecurrentPlan)layer;
        int gw = l.GateWidth;
        int pu = l.PaddedUnits;
        int batch = l.BatchSize;
        int steps = l.Steps;
        string shape = $"Layer {l.Index + 1} ({l.Declaration})";
        yield return new RowAxpyKernel(l.Name + "InputProjection", $"{shape}: the input sums x W_ih + b_ih of every step", l.Features, gw, l.Input.ChannelStride, AddBias: true, Activation.None, StorePreActivation: false)
        { ExpectedRows = batch * steps };
        yield return new RowAxpyKernel(l.Name + "RecurrentProduct", $"{shape}: the recurrent sums h W_hh + b_hh of one step, the rows' states {steps * pu} floats apart", l.Units, gw, steps * pu, AddBias: true, Activation.None, StorePreActivation: false)
        { ExpectedRows = batch };
        yield return new GateKernel(l.Name + "Gates", l);
        yield return new GateBackwardKernel(l.Name + "GatesBackward", l);
        yield return new RowAxpyKernel(l.Name + "StateGradient", $"{shape}: the gradient reaching the state before one step through W_hh, dh[r][u] = sum over j of da[r][j] W_hh[u][j]", gw, pu, steps * gw, AddBias: false, Activation.None, StorePreActivation: false)
        { ExpectedRows = batch };
        if (l.NeedsInputGradient)
        {
            yield return new RowDotKernel(l.Name + "InputGradient", $"{shape}: dx[r][i] = sum over j of da[r][j] W_ih[i][j] at every step", l.Features, gw, l.Input.ChannelStride, AddBias: false, StorePreActivation: false)
            { ExpectedRows = batch * steps };
        }

        yield return new OuterProductKernel(l.Name + "InputWeightGradient", $"{shape}: dW_ih[i][j] += sum over rows and steps of x[i] da[j]", l.Features, gw, l.Input.ChannelStride);
        yield return new OuterProductKernel(l.Name + "RecurrentWeightGradient", $"{shape}: dW_hh[u][j] += sum over rows and steps of h_prev[u] da[j]", l.Units, gw, pu);
        yield return new BiasGradientKernel(l.Name + "BiasGradient", $"{shape}: db[j] += sum over rows and steps of da[j]", gw);
        if (l.StepWeights is null)
        {
            yield return new RecurrentStepKernel(l.Name + "Step", l);
            yield break;
        }

        yield return new RecurrentBlockStepKernel(l.Name + "Step", l, ReadsCopy: false);
        yield return new RecurrentBlockStepKernel(l.Name + "StepFromCopy", l, ReadsCopy: true);
        yield return new RecurrentStepWeightsCopyKernel(l.Name + "CopyStepWeights", l);
    }

    /// <summary>Each tensor in PyTorch's order: weight_ih <c>[G units, F]</c>, weight_hh <c>[G units, units]</c>, bias_ih, bias_hh, where
    /// row g units + u of a gate tensor is unit u of gate g, at column g paddedUnits + u of NetGen's input-major rows.</summary>
    private static void Tensors(PassWriter w, RecurrentPlan l, Func<string, string, string> statement)
    {
        RecurrentBuffers b = l.Buffers;
        int gateRows = l.Cell.Gates * l.Units;
        long offset = l.CanonicalOffset;
        foreach ((string buffer, int columns) in new[] { (b.InputWeights, l.Features), (b.RecurrentWeights, l.Units) })
        {
            w.Open($"for (int g = 0; g < {l.Cell.Gates}; g++)");
            w.Open($"for (int u = 0; u < {l.Units}; u++)");
            w.Open($"for (int i = 0; i < {columns}; i++)");
            w.Line(statement($"{Int(offset)} + (((g * {l.Units}) + u) * {columns}) + i", $"{buffer} + (i * {l.GateWidth}) + (g * {l.PaddedUnits}) + u"));
            w.Close();
            w.Close();
            w.Close();
            offset += (long)gateRows * columns;
        }

        foreach (string buffer in new[] { b.InputBias, b.RecurrentBias })
        {
            w.Open($"for (int g = 0; g < {l.Cell.Gates}; g++)");
            w.Open($"for (int u = 0; u < {l.Units}; u++)");
            w.Line(statement($"{Int(offset)} + (g * {l.Units}) + u", $"{buffer} + (g * {l.PaddedUnits}) + u"));
            w.Close();
            w.Close();
            offset += gateRows;
        }
    }

    /// <summary>The floats from one row's steps to the next row's in a buffer of <paramref name="perStep"/> floats per step.</summary>
    private static int StepRow(RecurrentPlan l, int perStep) => l.Steps * perStep;

    /// <summary>Row <c>first</c>, step <c>t</c> of a buffer of <paramref name="perStep"/> floats per step.</summary>
    private static string AtStep(string buffer, RecurrentPlan l, int perStep) => $"ref Unsafe.Add(ref s, {buffer} + (first * {StepRow(l, perStep)}) + (t * {perStep}))";

    private static void Clear(PassWriter w, string buffer, int perRow)
        => w.Line($"MemoryMarshal.CreateSpan({Rows(buffer, perRow)}, rows * {perRow}).Clear();");
}
