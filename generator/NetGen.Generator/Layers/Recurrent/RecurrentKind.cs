using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.Recurrent;

/// <summary>A recurrent layer as declared: <c>[GRU(units)]</c> or <c>[LSTM(units)]</c> with <c>ReturnSequences</c>.</summary>
internal interface IRecurrentSpec
{
    int Units { get; }

    bool ReturnSequences { get; }
}

/// <summary>
/// What GRU and LSTM share as kinds: the arguments (units, <c>ReturnSequences</c>), the shape rules (a sequence <c>(T, F)</c> in,
/// <c>(units)</c> or <c>(T, units)</c> out) and the buffers of backpropagation through time. Each kind gives its cell (the gates and
/// their math, <see cref="RecurrentCell"/>).
/// </summary>
internal abstract class RecurrentKind<TSpec> : LayerKind<TSpec>
    where TSpec : LayerSpec, IRecurrentSpec
{
    public const string UnitsArgument = "units";

    public const string ReturnSequencesArgument = "ReturnSequences";

    public override bool HasParameters => true;

    /// <summary>The cell: GRU's or LSTM's gates.</summary>
    protected abstract RecurrentCell Cell { get; }

    protected override LayerPlan? Plan(TSpec spec, LayerContext context)
    {
        RecurrentCell cell = Cell;
        TensorPlan input = context.Input;
        string label = Text(context.Index + 1);
        string declaration = RecurrentPlan.DeclarationOf(cell, spec.Units, spec.ReturnSequences);
        if (spec.Units < 1)
        {
            context.Report(ProblemIds.RecurrentUnitsNotPositive, UnitsArgument, label, declaration, input.Shape.ToString());
            return null;
        }

        if (input.Shape.Rank != 2)
        {
            context.Report(ProblemIds.RecurrentNeedsSequence, null, label, declaration, input.Shape.ToString(), Advice(context));
            return null;
        }

        int steps = input.Shape.Axes[0];
        int features = input.Channels;
        int units = spec.Units;
        int paddedUnits = MemoryPlan.Pad(units);
        int gateWidth = cell.Gates * paddedUnits;
        int batch = context.Network.BatchSize;
        double parameters = (double)cell.Gates * units * (features + units + 2);
        if ((double)batch * steps * gateWidth * 3 > MemoryPlan.MaxSlabFloats || parameters > MemoryPlan.MaxSlabFloats)
        {
            return context.ReportTooLarge(parameters);
        }

        string g = $"{cell.Gates} gates";
        string inputWeights = context.Parameter("InputWeights", penalized: true, (long)features * gateWidth, $"[{features}][{gateWidth}], input-major, {g} of {paddedUnits}");
        string recurrentWeights = context.Parameter("RecurrentWeights", penalized: true, (long)units * gateWidth, $"[{units}][{gateWidth}], input-major, {g} of {paddedUnits}");
        string inputBias = context.Parameter("InputBias", penalized: false, gateWidth, $"[{gateWidth}]");
        string recurrentBias = context.Parameter("RecurrentBias", penalized: false, gateWidth, $"[{gateWidth}]");

        string perStep = $"[{batch}][{steps}]";
        string inputGates = context.Rows("InputGates", (long)steps * gateWidth, $"{perStep}[{gateWidth}], x W_ih + b_ih at each step, then the gradient with respect to the gates' sums");
        string previous = context.Rows("Previous", (long)steps * paddedUnits, $"{perStep}[{paddedUnits}], the state h entering each step (zero at the first)");
        string saved = context.Rows("Saved", (long)steps * cell.SavedBlocks * paddedUnits, $"{perStep}[{cell.SavedBlocks * paddedUnits}], {cell.SavedNames} at each step, for the backward pass");
        string? cells = cell.HasCell ? context.Rows("PreviousCells", (long)steps * paddedUnits, $"{perStep}[{paddedUnits}], the cell c entering each step (zero at the first)") : null;
        string sums = context.Rows("RecurrentSums", gateWidth, $"[{batch}][{gateWidth}], h W_hh + b_hh of the current step");
        string recurrentGradient = cell.SeparateRecurrentGradient
            ? context.Rows("RecurrentGradient", (long)steps * gateWidth, $"{perStep}[{gateWidth}], the gradient with respect to h W_hh + b_hh at each step")
            : inputGates;
        string carry = context.Rows("Carry", paddedUnits, $"[{batch}][{paddedUnits}], the gradient reaching h from the next step through the gates' products");
        string carryProduct = context.Rows("CarryProduct", paddedUnits, $"[{batch}][{paddedUnits}], the gradient reaching h from the next step through W_hh");
        string? carryCell = cell.HasCell ? context.Rows("CarryCell", paddedUnits, $"[{batch}][{paddedUnits}], the gradient reaching c from the next step") : null;

        Shape outputShape = spec.ReturnSequences ? new Shape(steps, units) : new Shape(units);
        long outputFloats = spec.ReturnSequences ? (long)steps * paddedUnits : paddedUnits;
        string rows = spec.ReturnSequences ? perStep + $"[{paddedUnits}]" : $"[{batch}][{paddedUnits}]";
        string output = context.Rows("Output", outputFloats, rows);
        string gradient = context.Rows("Gradient", outputFloats, rows + ", the gradient with respect to the output");
        string transposed = context.Scratch("RecurrentWeightsTransposed", (long)gateWidth * paddedUnits, $"[{gateWidth}][{paddedUnits}], W_hh as the backward pass reads it");
        string stepSums = context.Scratch("StepSums", 2L * gateWidth, $"[2][{gateWidth}], the sums of a streamed step on the portable path");
        string state = context.StreamState("State", paddedUnits, $"[{paddedUnits}], the state h of the stream");
        string? cellState = cell.HasCell ? context.StreamState("CellState", paddedUnits, $"[{paddedUnits}], the cell c of the stream") : null;

        // A W_hh too large to stay in the level-1 cache between streamed steps gets a copy in the order a step by blocks reads it.
        string? stepWeights = null, stepWeightsCurrent = null, stepOrder = null;
        if (!context.Network.Portable && RecurrentStepWeights.StepsByBlock(units, gateWidth))
        {
            stepWeights = context.Workspace("StepWeights", (long)units * gateWidth, $"W_hh by blocks of a vector of units, each block's [{units}][{cell.Gates} gates] vectors one after the other, for streamed steps");
            stepWeightsCurrent = context.Workspace("StepWeightsCurrent", 1, "1 while the copy above holds the current W_hh");
            stepOrder = context.Workspace("StepOrder", 1, "1 when the next streamed step takes the copy's blocks in descending order");
        }

        var outputTensor = new TensorPlan(outputShape, output, output, paddedUnits, (int)outputFloats, ZeroPadded: true, gradient, null);
        var buffers = new RecurrentBuffers(inputWeights, recurrentWeights, inputBias, recurrentBias, inputGates, previous, saved, cells, sums, recurrentGradient, carry, carryProduct, carryCell, transposed, stepSums, state, cellState);
        return new RecurrentPlan(context.Index, input, outputTensor, cell, units, spec.ReturnSequences, buffers, context.CanonicalOffset, batch)
        {
            StepWeights = stepWeights,
            StepWeightsCurrent = stepWeightsCurrent,
            StepOrder = stepOrder,
        };
    }

    /// <summary>A recurrent layer that returns its sequence into a classification at every step, which was probably meant for the sequence.</summary>
    public override void Advise(LayerPlan layer, NetworkPlan network, List<Problem> problems)
    {
        var recurrent = (RecurrentPlan)layer;
        if (!recurrent.ReturnSequences || !RecurrentPlan.ClassifiesEachStep(recurrent, network, out LayerPlan? classifier))
        {
            return;
        }

        problems.Add(new Problem(
            ProblemIds.SequenceIntoRowClassifier,
            Site.OfLayer(recurrent.Index, ReturnSequencesArgument),
            Text(recurrent.Index + 1),
            recurrent.Declaration,
            recurrent.Output.Shape.ToString(),
            Text(classifier!.Index + 1),
            classifier.Declaration,
            network.Output.Shape.ToString()));
    }

    /// <summary>How to give the layer a sequence: the recurrent layer before it should return its sequence, or the input should be declared as one.</summary>
    private static string Advice(LayerContext context)
    {
        for (int i = context.Index - 1; i >= 0; i--)
        {
            if (context.Network.Layers[i] is IRecurrentSpec)
            {
                return $"set ReturnSequences = true on layer {Text(i + 1)} so that it gives its state at every step";
            }
        }

        return "declare the input as a sequence, [Network(steps, features)]";
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
