using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Emit;

/// <summary>
/// Emits the streamed step of a network whose layers are all causal in time (<see cref="NetworkPlan.Streams"/>): each layer's
/// part of <c>StepForward</c> (<see cref="LayerEmitter.Step"/>), which reads the previous layer's step at the first position of its
/// buffer and writes its own at the first position of its output buffer, and the copy of the last layer's step to the caller.
/// What a layer carries from one step to the next lives in its stream state buffers, one region of the slab.
/// </summary>
internal static class StepEmitter
{
    public static void Emit(PassWriter w)
    {
        NetworkPlan plan = w.Network;
        w.Line("// One time step through every layer ('input' points at the step's values); each layer's stream state carries it to the next step.");
        PassesEmitter.Optimize(w);
        w.Open("public void StepForward(ref float s, ref float input)");
        PassesEmitter.Layers(w, (emitter, layer) => emitter.Step(w, layer), first: true);
        w.Close();
        w.Line();
        TensorPlan output = plan.Output;
        w.Line("// Copies the output of the last step, without its padding.");
        w.Open("public void ReadStepOutput(ref float s, Span<float> output)");
        w.Line($"MemoryMarshal.CreateReadOnlySpan({At(output.InferenceBuffer!)}, {output.Channels}).CopyTo(output);");
        w.Close();
    }
}
