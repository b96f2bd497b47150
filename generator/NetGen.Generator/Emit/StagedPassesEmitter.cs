using System;
using System.Collections.Generic;
using NetGen.Generator.Layers;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>
/// Emits the passes of a network with layers that need every row of a training call (BatchNorm) and of a network with
/// state. A training call then runs in stages: the forward pass stops before each such layer, whose statistics over every
/// row are computed on one thread (<c>Statistics</c>), and the backward data pass stops before each one's input gradient,
/// whose reductions over every row are computed the same way (<c>BackwardStatistics</c>). The threads of a call run each
/// stage on their own rows, so the statistics are the same whatever the thread count. Inference calls run every stage
/// in order with nothing between. The state passes update the state after a training call, prepare what inference calls
/// read from it, and convert it to and from PyTorch's order.
/// </summary>
internal static class StagedPassesEmitter
{
    public static void EmitForward(PassWriter w)
    {
        CodeWriter code = w.Code;
        int stages = w.Network.TrainingStages;
        code.Line($"// A training call runs in {stages} stages, each layer that normalises with statistics over every row starting one; the");
        code.Line("// statistics are computed between the stages (the threads of a call each run a stage on their rows).");
        PassesEmitter.Optimize(w);
        PassesEmitter.Method(w, "public void Forward(ref float s, ref float input, int first, int rows, bool training)", () =>
        {
            code.Open($"for (int stage = 0; stage < {stages}; stage++)");
            code.Open("if (training && stage > 0)");
            code.Line("Statistics(ref s, ref input, first, rows, stage - 1);");
            code.Close();
            code.Line();
            code.Line("ForwardLayers(ref s, ref input, first, rows, training, stage);");
            code.Close();
        });

        code.Line();
        code.Line("// Stage 'stage' of a training call's forward pass over 'rows' rows from row 'first'.");
        code.Line("public void ForwardStage(ref float s, ref float input, int first, int rows, int stage) => ForwardLayers(ref s, ref input, first, rows, true, stage);");

        code.Line();
        code.Line("// The statistics over the 'rows' rows from row 'first' of a training call that the layer starting stage 'stage' + 1 normalises with.");
        PassesEmitter.Method(w, "public void Statistics(ref float s, ref float input, int first, int rows, int stage)", () =>
            Switch(w, Barriers(w.Network), (k, layer) => PassesEmitter.Layers(w, (emitter, l) => emitter.Statistics(w, l), first: true, which: l => l == layer)));

        code.Line();
        PassesEmitter.Optimize(w);
        PassesEmitter.Method(w, "private void ForwardLayers(ref float s, ref float input, int first, int rows, bool training, int stage)", () =>
            Switch(w, Stages(w.Network), (k, _) => PassesEmitter.Layers(w, (emitter, layer) => emitter.Forward(w, layer), first: true, which: layer => ForwardStageOf(w.Network, layer) == k)));
    }

    public static void EmitBackwardData(PassWriter w)
    {
        CodeWriter code = w.Code;
        int stages = w.Network.TrainingStages;
        code.Line($"// It runs in {stages} stages, last first: before the input gradient of each layer that normalises with statistics over every");
        code.Line("// row, that layer's reductions of the gradient over every row are computed.");
        PassesEmitter.Optimize(w);
        PassesEmitter.Method(w, "public void BackwardData(ref float s, int first, int rows, bool throughOutputActivation)", () =>
        {
            code.Open($"for (int stage = {stages - 1}; stage >= 0; stage--)");
            code.Line("BackwardDataStage(ref s, first, rows, throughOutputActivation, stage);");
            code.Open("if (stage > 0)");
            code.Line("BackwardStatistics(ref s, first, rows, throughOutputActivation, stage - 1);");
            code.Close();
            code.Close();
        });

        code.Line();
        code.Line("// The reductions over the 'rows' rows from row 'first' of a training call that the layer starting backward stage 'stage'");
        code.Line("// needs for its input gradient.");
        PassesEmitter.Method(w, "public void BackwardStatistics(ref float s, int first, int rows, bool throughOutputActivation, int stage)", () =>
            Switch(w, Barriers(w.Network), (k, layer) => PassesEmitter.Layers(w, (emitter, l) => emitter.BackwardStatistics(w, l), first: true, which: l => l == layer)));

        code.Line();
        code.Line("// Stage 'stage' of the backward data pass over 'rows' rows from row 'first'.");
        PassesEmitter.Optimize(w);
        PassesEmitter.Method(w, "public void BackwardDataStage(ref float s, int first, int rows, bool throughOutputActivation, int stage)", () =>
            Switch(w, Stages(w.Network), (k, _) => PassesEmitter.LayersInReverse(w, (emitter, layer) => PassesEmitter.BackwardDataOf(w, layer), layer => BackwardStageOf(w.Network, layer) == k)));
    }

    public static void EmitStatePasses(PassWriter w)
    {
        CodeWriter code = w.Code;
        code.Line();
        code.Line("// Updates the state from the statistics of the training call of 'rows' rows that just succeeded.");
        PassesEmitter.Method(w, "public void CommitStatistics(ref float s, int rows)", () =>
            PassesEmitter.Layers(w, (emitter, layer) => emitter.CommitStatistics(w, layer), first: true));

        code.Line();
        code.Line("// What inference calls read, computed from the parameters and the state after either changed.");
        PassesEmitter.Method(w, "public void PrepareInference(ref float s)", () =>
            PassesEmitter.Layers(w, (emitter, layer) => emitter.PrepareInference(w, layer), first: true));

        code.Line();
        code.Line("// Copies the state into PyTorch's state_dict order.");
        PassesEmitter.Method(w, "public void StateToCanonical(ref float s, Span<float> destination)", () =>
            PassesEmitter.Layers(w, (emitter, layer) => emitter.StateToCanonical(w, layer), first: true));

        code.Line();
        code.Line("// Copies PyTorch's state_dict order into the state; the padding stays zero.");
        PassesEmitter.Method(w, "public void CanonicalToState(ReadOnlySpan<float> source, ref float s)", () =>
            PassesEmitter.Layers(w, (emitter, layer) => emitter.StateFromCanonical(w, layer), first: true));
    }

    /// <summary>The stage of the forward pass a layer runs in: the layers needing every row at or before it.</summary>
    public static int ForwardStageOf(NetworkPlan plan, LayerPlan layer) => NeedingEveryRow(plan, layer.Index + 1);

    /// <summary>The stage of the backward data pass a layer runs in: the layers needing every row before it.</summary>
    public static int BackwardStageOf(NetworkPlan plan, LayerPlan layer) => NeedingEveryRow(plan, layer.Index);

    private static int NeedingEveryRow(NetworkPlan plan, int end)
    {
        int count = 0;
        for (int i = 0; i < end; i++)
        {
            count += plan.Layers[i].NeedsEveryRow ? 1 : 0;
        }

        return count;
    }

    private static List<LayerPlan?> Stages(NetworkPlan plan)
    {
        var stages = new List<LayerPlan?>();
        for (int k = 0; k < plan.TrainingStages; k++)
        {
            stages.Add(null);
        }

        return stages;
    }

    private static List<LayerPlan?> Barriers(NetworkPlan plan)
    {
        var barriers = new List<LayerPlan?>();
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.NeedsEveryRow)
            {
                barriers.Add(layer);
            }
        }

        return barriers;
    }

    /// <summary>A switch on <c>stage</c> with one case per item, each in its own block.</summary>
    private static void Switch(PassWriter w, List<LayerPlan?> items, Action<int, LayerPlan?> body)
    {
        CodeWriter code = w.Code;
        code.Open("switch (stage)");
        for (int k = 0; k < items.Count; k++)
        {
            code.Open(k == items.Count - 1 ? "default:" : $"case {k}:");
            body(k, items[k]);
            code.Line("break;");
            code.Close();
        }

        code.Close();
    }
}
