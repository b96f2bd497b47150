using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Emit;

/// <summary>Emits the memory plan: the offset of every buffer in the slab, as private constants the passes and kernels use.</summary>
internal static class MemoryPlanEmitter
{
    public static void Emit(CodeWriter code, NetworkPlan plan)
    {
        MemoryPlan memory = plan.Memory;
        code.Line("// Memory plan: every buffer lives in one slab of floats at a 64-byte aligned offset (in floats below). The parameters");
        code.Line("// come first; the gradients (sums over the accumulated rows) and the optimizer state follow, each a block of the same");
        code.Line("// layout: every weight, then every other parameter tensor. Rows are padded to 16 floats with zeros that stay zero.");
        foreach (BufferPlan buffer in memory.Parameters)
        {
            code.Line($"private const int {buffer.Name} = {Int(buffer.Offset)}; // {buffer.Request.Comment}");
        }

        code.Line($"private const int WeightsLength = {Int(memory.WeightsLength)};");
        code.Line($"private const int BlockLength = {Int(memory.BlockLength)};");
        code.Line($"private const int Gradients = BlockLength; // from a parameter to its gradient{StateComment(plan.Spec.Optimizer)}");
        if (memory.Tensors.Count > 0)
        {
            code.Line("// The state (saved with the network, not trained) follows the blocks.");
        }

        foreach (BufferPlan buffer in memory.Tensors)
        {
            code.Line($"private const int {buffer.Name} = {Int(buffer.Offset)}; // {buffer.Request.Comment}");
        }

        foreach (BufferPlan buffer in memory.Rows)
        {
            code.Line($"private const int {buffer.Name} = {Int(buffer.Offset)}; // {buffer.Request.Comment}");
        }

        foreach (BufferPlan buffer in memory.Others)
        {
            code.Line($"private const int {buffer.Name} = {Int(buffer.Offset)}; // {buffer.Request.Comment}");
        }

        if (plan.Streams)
        {
            code.Line($"private const int StreamState = {Int(memory.StreamState)}; // the state carried from one streamed step to the next, zeroed by ResetState");
            code.Line($"private const int StreamStateLength = {Int(memory.StreamStateLength)};");
        }

        code.Line($"private const int InputCopy = {Int(memory.InputCopy)}; // [{plan.Spec.BatchSize}][{Int(plan.Input.Shape.Size)}], the input rows a training call's threads read");
        code.Line($"private const int SlabLength = {Int(memory.SlabLength)};");
    }

    /// <summary>Where the optimizer state is, by the optimizer's names for it.</summary>
    private static string StateComment(Optimizer optimizer) => optimizer switch
    {
        Optimizer.Sgd => string.Empty,
        Optimizer.Momentum or Optimizer.Nesterov => "; the momentum buffer is one more block on",
        Optimizer.AdaGrad => "; the sum of squared gradients is one more block on",
        Optimizer.RMSProp => "; the mean of squared gradients is one more block on",
        _ => "; the first and second moments are one and two more blocks on",
    };
}
