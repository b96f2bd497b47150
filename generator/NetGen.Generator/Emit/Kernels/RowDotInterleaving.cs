using System;
using System.Collections.Generic;

namespace NetGen.Generator.Emit.Kernels;

/// <summary>
/// The order in which a one-row <see cref="RowDotKernel"/> reads an output-major matrix, and the kernel that copies the matrix
/// into it. A one-row tile of T outputs reads, for each vector of inputs, one vector from each of its T rows: T streams a
/// padded row length apart. The copy puts those T vectors one after the other, tile after tile, so that the tile reads one
/// sequential stream: <c>copy[o * K + k * T + j * W + l] = M[(o + j) * K + k + l]</c> for the tile at output o, input vector k,
/// its output j and lane l (K the padded row length, W the vector width). Outputs after the last whole tile are not copied;
/// the kernel reads them from the matrix itself. Each sum adds the same products in the same order either way.
/// </summary>
internal static class RowDotInterleaving
{
    /// <summary>The outputs of a one-row tile of <paramref name="n"/> outputs on <paramref name="isa"/>: a multiple of the vector
    /// width, as many vectors as the accumulators allow, summed across lanes into vectors of outputs at the end; 0 when
    /// there are fewer outputs than a vector has lanes (or on the scalar path).</summary>
    public static int TileOutputs(int n, Isa isa)
        => isa.IsScalar || n < isa.Width ? 0 : isa.Width * Math.Max(1, Math.Min(isa.Accumulators / isa.Width, n / isa.Width));
}

/// <summary>Copies an output-major matrix of <paramref name="N"/> rows of <paramref name="PaddedK"/> floats into the order a one-row
/// tile reads it (<see cref="RowDotInterleaving"/>); on the scalar path, which reads the matrix itself, it copies nothing.</summary>
/// <param name="Name">The method name.</param>
/// <param name="Comment">What the copy is for.</param>
/// <param name="N">The rows of the matrix (the outputs).</param>
/// <param name="PaddedK">The floats of each row.</param>
internal sealed record RowDotInterleaveKernel(string Name, string Comment, int N, int PaddedK) : IKernel
{
    public IReadOnlyList<string> Parameters { get; } = new[] { "ref float w", "ref float copy" };

    public void Emit(CodeWriter code, Isa isa)
    {
        int tile = RowDotInterleaving.TileOutputs(N, isa);
        code.Line($"// {Comment}");
        if (tile == 0)
        {
            code.Line("// This path's one-row product reads the matrix itself: nothing to copy.");
            code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
            code.Close();
            return;
        }

        int full = N / tile * tile;
        code.Line($"// Tiles of {tile} outputs (the first {full} of {N}): each vector of {isa.Width} inputs of the tile's {tile} outputs one after the other.");
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        bool oneTile = full == tile;
        if (oneTile)
        {
            code.Line("ref float rows = ref w;");
            code.Line("ref float tile = ref copy;");
        }
        else
        {
            code.Open($"for (nuint o = 0; o < {full}; o += {tile})");
            code.Line($"ref float rows = ref Unsafe.Add(ref w, o * {PaddedK});");
            code.Line($"ref float tile = ref Unsafe.Add(ref copy, o * {PaddedK});");
        }

        code.Open($"for (nuint k = 0; k < {PaddedK}; k += {isa.Width})");
        code.Open($"for (nuint j = 0; j < {tile}; j++)");
        code.Line(isa.Store(isa.Load("rows", $"(j * {PaddedK}) + k"), "tile", $"(k * {tile}) + (j * {isa.Width})"));
        code.Close();
        code.Close();
        if (!oneTile)
        {
            code.Close();
        }

        code.Close();
    }
}
