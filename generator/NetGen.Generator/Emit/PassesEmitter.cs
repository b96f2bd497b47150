using System;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Layers;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>
/// Emits the passes file: the methods of the <c>GeneratedPasses</c> struct, each walking the layers in order (backward
/// passes in reverse) and writing each layer's part through its kind's <see cref="LayerEmitter"/>, then the dispatcher of
/// every kernel the layers call (none in portable code, whose passes call the scalar kernels directly). The passes are the same for every instruction set; only the kernels differ.
/// </summary>
internal static class PassesEmitter
{
    internal const string Optimized = "[MethodImpl(MethodImplOptions.AggressiveOptimization)]";

    /// <summary>Writes <see cref="Optimized"/> above a pass, except in portable code (see <see cref="Isa.OptimizeFully"/>).</summary>
    internal static void Optimize(PassWriter w)
    {
        if (!w.Network.Spec.Portable)
        {
            w.Line(Optimized);
        }
    }

    public static string Emit(NetworkPlan plan)
    {
        var code = new CodeWriter();
        var w = new PassWriter(code, plan);
        TypeShell.Open(code, plan.Spec, null, "its passes");
        code.Open($"private readonly partial struct {MembersEmitter.PassesType}");

        code.Line("// Draws every parameter in PyTorch's order from one generator, as each layer's comment says.");
        Method(w, "public void InitializeParameters(ref float s, int seed)", () =>
        {
            code.Line("var random = new global::NetGen.DeterministicRandom(seed);");
            Layers(w, (emitter, layer) => emitter.Initialize(w, layer), first: false);
        });

        code.Line();
        code.Line("// Draws the dropout masks of a training call, layer after layer, before the rows are split between threads.");
        Method(w, "public void SampleMasks(ref float s, int rows, ref global::NetGen.DeterministicRandom random)", () =>
        {
            if (!Layers(w, (emitter, layer) => emitter.SampleMasks(w, layer), first: true))
            {
                code.Line("// no dropout layer: no masks to draw");
            }
        });

        code.Line();
        code.Line("// The forward pass over 'rows' rows from row 'first' ('input' points at row 'first' of the input rows); in training");
        code.Line("// calls dropout layers apply the masks SampleMasks drew, in inference calls they are the identity.");
        if (plan.TrainingStages > 1)
        {
            StagedPassesEmitter.EmitForward(w);
        }
        else
        {
            Optimize(w);
            Method(w, "public void Forward(ref float s, ref float input, int first, int rows, bool training)", () =>
                Layers(w, (emitter, layer) => emitter.Forward(w, layer), first: true));
        }

        code.Line();
        OutputEmitter.Emit(w);

        code.Line();
        code.Line("// What the backward data pass reads and each layer makes once per call, before the rows are split between threads.");
        Method(w, "public void PrepareBackward(ref float s)", () =>
        {
            if (!Layers(w, (emitter, layer) => emitter.PrepareBackward(w, layer), first: true))
            {
                code.Line("// nothing to prepare");
            }
        });

        code.Line();
        code.Line("// The backward data pass over 'rows' rows from row 'first', from the gradient with respect to the outputs (or, after");
        code.Line("// a fused loss, the output layer's pre-activation) to the gradient rows of every layer with parameters. Rows are independent.");
        if (plan.TrainingStages > 1)
        {
            StagedPassesEmitter.EmitBackwardData(w);
        }
        else
        {
            Optimize(w);
            Method(w, "public void BackwardData(ref float s, int first, int rows, bool throughOutputActivation)", () =>
                LayersInReverse(w, (emitter, layer) => BackwardDataOf(w, layer)));
        }

        code.Line();
        code.Line("// A bound on every parameter gradient the weight pass is about to sum (NaN if a value it reads is not finite), so that");
        code.Line("// a fused step is refused before it updates anything.");
        Method(w, "public double GradientBound(ref float s, ref float input, int rows)", () =>
        {
            code.Line("double bound = 0;");
            Layers(w, (emitter, layer) => emitter.GradientBound(w, layer), first: false);
            code.Line("return bound;");
        });

        code.Line();
        code.Line("// The parameter gradients of every layer over all 'rows' rows, written to the gradient block as 'mode' says (and, in a");
        code.Line("// fused training step, the parameters updated). Part 'part' of 'parts' takes its share of each weight gradient's rows,");
        code.Line("// and part 0 the biases, so that parts write disjoint floats.");
        Optimize(w);
        Method(w, $"public void BackwardWeights(ref float s, ref float input, int rows, int part, int parts, {GradientStore.ModeParameter}, {GradientStore.CoefficientsParameter})", () =>
            LayersInReverse(w, (emitter, layer) => emitter.BackwardWeights(w, layer)));

        if (plan.Streams)
        {
            code.Line();
            StepEmitter.Emit(w);
        }

        code.Line();
        code.Line("// Copies a parameter-shaped block into PyTorch's state_dict order, times 'scale'.");
        Method(w, "public void BlockToCanonical(ref float block, Span<float> destination, float scale)", () =>
            Layers(w, (emitter, layer) => emitter.ToCanonical(w, layer), first: true));

        code.Line();
        code.Line("// Copies PyTorch's state_dict order into a parameter-shaped block; the padding stays zero.");
        Method(w, "public void CanonicalToBlock(ReadOnlySpan<float> source, ref float block)", () =>
            Layers(w, (emitter, layer) => emitter.FromCanonical(w, layer), first: true));
        if (plan.HasState)
        {
            StagedPassesEmitter.EmitStatePasses(w);
        }

        EmitInferenceCopies(w);

        code.Close();

        // Portable code has one path, whose kernels the passes call directly.
        if (!plan.Spec.Portable)
        {
            foreach (LayerPlan layer in plan.Layers)
            {
                foreach (IKernel kernel in layer.Emitter.Kernels(layer))
                {
                    code.Line();
                    KernelDispatch.Emit(code, kernel, Isa.All);
                }
            }
        }

        TypeShell.Close(code, plan.Spec);
        return code.ToString();
    }

    /// <summary>A layer's part of the backward data pass, then what other layers run once it has run (a skip connection's gradient).</summary>
    internal static void BackwardDataOf(PassWriter w, LayerPlan layer)
    {
        layer.Emitter.BackwardData(w, layer);
        foreach (LayerPlan other in w.Network.Layers)
        {
            other.Emitter.AfterBackwardData(w, other, layer);
        }
    }

    /// <summary>Whether the network keeps copies of parameters for one-row inference calls, and the passes that make them and mark them out of date.</summary>
    private static void EmitInferenceCopies(PassWriter w)
    {
        CodeWriter code = w.Code;
        code.Line();
        if (!w.Network.HasInferenceCopies)
        {
            code.Line("// No layer keeps a copy of its parameters for one-row inference calls.");
            code.Line("public bool HasInferenceCopies => false;");
            return;
        }

        code.Line("// Layers keep copies of their parameters in the order one-row inference calls read them, made after several such calls.");
        code.Line("public bool HasInferenceCopies => true;");
        code.Line();
        code.Line("// Copies the parameters into the order one-row inference calls read them; those calls read the copies until they are discarded.");
        Method(w, "public void MakeInferenceCopies(ref float s)", () =>
            Layers(w, (emitter, layer) => emitter.MakeInferenceCopies(w, layer), first: true));
        code.Line();
        code.Line("// Marks the copies out of date (the parameters changed): inference calls read the parameters again.");
        Method(w, "public void DiscardInferenceCopies(ref float s)", () =>
            Layers(w, (emitter, layer) => emitter.DiscardInferenceCopies(w, layer), first: true));
    }

    internal static void Method(PassWriter w, string signature, Action body)
    {
        w.Open(signature);
        body();
        w.Close();
    }

    /// <summary>Each layer's part, in order, under a comment describing the layer; layers that write nothing get no comment.</summary>
    /// <returns>Whether any layer wrote something.</returns>
    internal static bool Layers(PassWriter w, Action<LayerEmitter, LayerPlan> part, bool first, Func<LayerPlan, bool>? which = null)
    {
        bool any = false;
        foreach (LayerPlan layer in w.Network.Layers)
        {
            if (which is null || which(layer))
            {
                any |= w.Code.Section($"// {layer.Describe()}", () => part(layer.Emitter, layer), first && !any);
            }
        }

        return any;
    }

    internal static bool LayersInReverse(PassWriter w, Action<LayerEmitter, LayerPlan> part, Func<LayerPlan, bool>? which = null)
    {
        bool any = false;
        for (int i = w.Network.Layers.Count - 1; i >= 0; i--)
        {
            LayerPlan layer = w.Network.Layers[i];
            if (which is null || which(layer))
            {
                any |= w.Code.Section($"// {layer.Describe()}", () => part(layer.Emitter, layer), !any);
            }
        }

        return any;
    }
}
