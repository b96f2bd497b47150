using System;
using NetGen.Generator.Model;
using NetGen.Generator.Shapes;
using static NetGen.Generator.Emit.EmitContext;

namespace NetGen.Generator.Emit;

/// <summary>
/// Emits the conversions between the internal layout of a parameter-shaped block and the canonical
/// (PyTorch <c>state_dict</c>) order, and the initialisation, which draws weights in canonical order.
/// </summary>
internal static class ParameterOrderEmitter
{
    public static void Emit(CodeWriter code, EmitContext context)
    {
        code.Line("// Copies a parameter-shaped block into canonical order (for each Dense layer: weight [units][inputs], then bias), times 'scale'.");
        code.Open("private static void BlockToCanonical(ref float block, Span<float> destination, float scale)");
        foreach (DenseLayout dense in context.Layout.DenseLayers)
        {
            code.Line($"// {Describe(dense)}");
            code.Open($"for (int o = 0; o < {dense.Outputs}; o++)");
            code.Line($"Span<float> row = destination.Slice({Int(dense.CanonicalWeightOffset)} + (o * {dense.Inputs}), {dense.Inputs});");
            code.Open($"for (int i = 0; i < {dense.Inputs}; i++)");
            code.Line($"row[i] = Unsafe.Add(ref block, {Internal(dense)}) * scale;");
            code.Close();
            code.Close();
            code.Open($"for (int o = 0; o < {dense.Outputs}; o++)");
            code.Line($"destination[{Int(dense.CanonicalBiasOffset)} + o] = Unsafe.Add(ref block, {Bias(dense)} + o) * scale;");
            code.Close();
        }

        code.Close();
        code.Line();
        code.Line("// Copies canonical order into a parameter-shaped block; the padding stays zero.");
        code.Open("private static void CanonicalToBlock(ReadOnlySpan<float> source, ref float block)");
        foreach (DenseLayout dense in context.Layout.DenseLayers)
        {
            code.Line($"// {Describe(dense)}");
            code.Open($"for (int o = 0; o < {dense.Outputs}; o++)");
            code.Line($"ReadOnlySpan<float> row = source.Slice({Int(dense.CanonicalWeightOffset)} + (o * {dense.Inputs}), {dense.Inputs});");
            code.Open($"for (int i = 0; i < {dense.Inputs}; i++)");
            code.Line($"Unsafe.Add(ref block, {Internal(dense)}) = row[i];");
            code.Close();
            code.Close();
            code.Open($"for (int o = 0; o < {dense.Outputs}; o++)");
            code.Line($"Unsafe.Add(ref block, {Bias(dense)} + o) = source[{Int(dense.CanonicalBiasOffset)} + o];");
            code.Close();
        }

        code.Close();
        code.Line();
        code.Line("// Draws every weight in canonical order from one generator; biases start at zero.");
        code.Open("private static void InitializeParameters(ref float s, int seed)");
        code.Line("var random = new global::NetGen.DeterministicRandom(seed);");
        foreach (DenseLayout dense in context.Layout.DenseLayers)
        {
            bool he = dense.Activation is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.ELU or ActivationKind.GELU;
            double limit = he ? Math.Sqrt(6.0 / dense.Inputs) : Math.Sqrt(6.0 / (dense.Inputs + (double)dense.Outputs));
            string formula = he
                ? $"He-uniform, sqrt(6 / {dense.Inputs})"
                : $"Glorot-uniform, sqrt(6 / ({dense.Inputs} + {dense.Outputs}))";
            code.Line($"// {Describe(dense)}: {formula}");
            code.Open($"for (int o = 0; o < {dense.Outputs}; o++)");
            code.Open($"for (int i = 0; i < {dense.Inputs}; i++)");
            code.Line($"Unsafe.Add(ref s, Parameters + {Internal(dense)}) = random.NextSymmetric({Float((float)limit)});");
            code.Close();
            code.Close();
        }

        code.Close();
    }

    /// <summary>The internal offset of weight (o, i); in panels, column o is in panel o / width, at o % width.</summary>
    private static string Internal(DenseLayout dense)
    {
        if (dense.WeightLayout == WeightLayout.OutputMajor)
        {
            return $"{Weights(dense)} + (o * {dense.PaddedInputs}) + i";
        }

        if (!dense.IsPacked)
        {
            return $"{Weights(dense)} + (i * {dense.PaddedOutputs}) + o";
        }

        int width = dense.PanelWidth;
        string rowLength = dense.LastPanelWidth == width
            ? Int(width)
            : $"(o < {Int((long)(dense.PanelCount - 1) * width)} ? {width} : {dense.LastPanelWidth})";
        return $"{Weights(dense)} + ((o / {width}) * {Int(dense.PanelStride)}) + (i * {rowLength}) + (o % {width})";
    }
}
