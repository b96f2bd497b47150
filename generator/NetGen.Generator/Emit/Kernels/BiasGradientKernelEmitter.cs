using System;
using System.Collections.Generic;
using System.Linq;
using static NetGen.Generator.Emit.Kernels.TileNames;

namespace NetGen.Generator.Emit.Kernels;

/// <summary>The bias gradient: <c>G[n] += sum_r D[r][n]</c>, in register tiles of vectors summed over the batch.</summary>
/// <param name="Name">The method name.</param>
/// <param name="Comment">What the kernel computes.</param>
/// <param name="PaddedN">The width of D rows and of G.</param>
internal sealed record BiasGradientKernel(string Name, string Comment, int PaddedN) : IKernel
{
    public IReadOnlyList<string> Parameters { get; } = new[] { "ref float d", "ref float p", "int rows", GradientStore.ModeParameter, GradientStore.CoefficientsParameter };

    public void Emit(CodeWriter code, Isa isa)
    {
        if (isa.IsScalar)
        {
            EmitPortable(code, isa);
            return;
        }

        int vectors = PaddedN / isa.Width;
        int perTile = Math.Min(vectors, isa.Accumulators);
        int full = vectors / perTile;
        int remainder = vectors % perTile;
        int step = perTile * isa.Width;
        code.Line($"// {Comment}");
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Line(GradientStore.GradientReference);
        if (full == 1)
        {
            EmitTile(code, isa, perTile, "0");
        }
        else if (full > 1)
        {
            code.Open($"for (nuint n = 0; n < {full * step}; n += {step})");
            EmitTile(code, isa, perTile, "n");
            code.Close();
        }

        if (remainder > 0)
        {
            EmitTile(code, isa, remainder, Text(full * step));
        }

        GradientStore.EmitUpdates(code, GradientStore.Start, Text(PaddedN), weights: false);
        code.Close();
    }

    private void EmitTile(CodeWriter code, Isa isa, int columns, string n)
    {
        code.Open(columns == 1 ? $"// 1 vector at n = {n}" : $"// {columns} vectors at n = {n}");
        code.Line(Declare(isa.VectorType, Enumerable.Range(0, columns).Select(j => $"{Accumulator(0, j)} = {isa.Zero}")));
        code.Open("for (int r = 0; r < rows; r++)");
        code.Line($"ref float dr = ref Unsafe.Add(ref d, r * {PaddedN});");
        code.Line(string.Join(" ", Enumerable.Range(0, columns).Select(j => $"{Accumulator(0, j)} += {isa.Load("dr", Offset(n, j * isa.Width))};")));
        code.Close();
        code.Line(string.Join(" ", Enumerable.Range(0, columns).Select(j => GradientStore.Store(isa, Offset(n, j * isa.Width), Accumulator(0, j)))));
        code.Close();
    }

    /// <summary>The portable form: the gradient row cleared (unless accumulating), then every batch row added to it.</summary>
    private void EmitPortable(CodeWriter code, Isa isa)
    {
        code.Line($"// {Comment}");
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Line(GradientStore.GradientReference);
        code.Open("if (mode != global::NetGen.Kernels.GradientMode.Accumulate)");
        code.Line($"MemoryMarshal.CreateSpan(ref g, {PaddedN}).Clear();");
        code.Close();
        code.Open("for (int r = 0; r < rows; r++)");
        code.Line($"ref float dr = ref Unsafe.Add(ref d, r * {PaddedN});");
        code.Open($"for (int n = 0; n < {PaddedN}; n++)");
        code.Line("Unsafe.Add(ref g, n) += Unsafe.Add(ref dr, n);");
        code.Close();
        code.Close();
        GradientStore.EmitUpdates(code, GradientStore.Start, Text(PaddedN), weights: false);
        code.Close();
    }

}
