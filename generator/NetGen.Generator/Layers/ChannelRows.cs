using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Layers;

/// <summary>
/// Rows the channel kernels of the normalisations and of Residual can read a vector at a time: each position's channels padded
/// with zeros to a whole number of vectors, positions one after the other. Every tensor of the slab is so; the caller's rows may
/// not be, and a layer reading them first copies them into padded rows of its own.
/// </summary>
internal static class ChannelRows
{
    /// <summary>Whether <paramref name="tensor"/>'s rows can be read a vector at a time over its padded channels.</summary>
    public static bool ArePadded(TensorPlan tensor)
        => tensor.ChannelStride == MemoryPlan.Pad(tensor.Channels)
           && (tensor.ZeroPadded || tensor.ChannelStride == tensor.Channels)
           && tensor.RowStride == tensor.Positions * tensor.ChannelStride;

    /// <summary>The floats of a padded row of <paramref name="tensor"/>'s shape.</summary>
    public static int PaddedRow(TensorPlan tensor) => tensor.Positions * MemoryPlan.Pad(tensor.Channels);

    /// <summary>The rows <paramref name="tensor"/> gives a channel kernel: its own when they are padded, else a padded copy the
    /// layer asks for (named <c>Layer3</c> + <paramref name="suffix"/>).</summary>
    public static string? CopyBuffer(LayerContext context, TensorPlan tensor, string suffix)
        => ArePadded(tensor) ? null : context.Rows(suffix, PaddedRow(tensor), $"[{context.Network.BatchSize}][{PaddedRow(tensor)}], a padded copy of the rows it reads");

    /// <summary>Copies the <c>rows</c> rows from row <c>first</c> at <paramref name="source"/> (rows of <paramref name="tensor"/>'s layout)
    /// into the padded <paramref name="copy"/>.</summary>
    public static void EmitCopy(PassWriter w, TensorPlan tensor, string source, string copy)
    {
        int padded = MemoryPlan.Pad(tensor.Channels);
        w.Line($"global::NetGen.Kernels.ElementwiseKernels.CopyRows({source}, {tensor.ChannelStride}, {Rows(copy, PaddedRow(tensor))}, {padded}, {ActivatedOutput.Scaled("rows", tensor.Positions)}, {tensor.Channels});");
    }

    /// <summary>Copies the first position at <paramref name="source"/> (a streamed step) into the first position of the padded <paramref name="copy"/>.</summary>
    public static void EmitStepCopy(PassWriter w, TensorPlan tensor, string source, string copy)
        => w.Line($"global::NetGen.Kernels.ElementwiseKernels.CopyRows({source}, {tensor.ChannelStride}, {At(copy)}, {MemoryPlan.Pad(tensor.Channels)}, 1, {tensor.Channels});");
}

/// <summary>The order of a per-channel tensor (a normalisation's weight, bias and running statistics) in PyTorch's twin.</summary>
internal static class ChannelOrder
{
    /// <summary>
    /// A loop over the channels of <paramref name="input"/> writing <paramref name="statement"/> with the canonical index and NetGen's
    /// index of each. They are equal, except after a Flatten of P positions of C channels, where PyTorch's flat row is channels first
    /// (<c>c * P + p</c>) while NetGen's is channels last (<c>p * C + c</c>).
    /// </summary>
    public static void Emit(PassWriter w, TensorPlan input, System.Func<string, string, string> statement)
    {
        if (input.FlattenedFrom is { Rank: > 1 } flattened)
        {
            long positions = flattened.Positions;
            int channels = flattened.Channels;
            w.Open($"for (int c = 0; c < {channels}; c++)");
            w.Open($"for (int p = 0; p < {positions}; p++)");
            w.Line(statement($"(c * {positions}) + p", $"(p * {channels}) + c"));
            w.Close();
            w.Close();
            return;
        }

        w.Open($"for (int i = 0; i < {input.Channels}; i++)");
        w.Line(statement("i", "i"));
        w.Close();
    }
}
