using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;

namespace NetGen.Generator.Layers.Recurrent;

/// <summary>
/// The copy of a large W_hh that streamed steps read. A step reads all of W_hh; once it is larger than
/// <see cref="CopiedAboveBytes"/>, it no longer stays in a 48 KB level-1 data cache from one step to the next beside the rest of
/// the step's data, and read row after row (<c>[units][G * paddedUnits]</c>), it leaves in the cache only its last rows, which the
/// next step reads last. So such a layer steps block by block (<see cref="RecurrentBlockStepKernel"/>), one vector of W units
/// at a time, and one-row inference calls read a copy of W_hh in which each block's part is contiguous:
/// <c>copy[(o / W) * units G W + k G W + g W + l] = W_hh[k][g paddedUnits + o + l]</c> for the block at unit o, input k, gate g
/// and lane l. Successive steps take the blocks in opposite orders, so that the blocks a step read last, still in the cache,
/// are the first the next step reads: only what does not fit comes from the level-2 cache.
/// </summary>
internal static class RecurrentStepWeights
{
    /// <summary>The size of W_hh above which a layer steps by blocks and keeps the copy: two thirds of a 48 KB level-1 data cache.</summary>
    public const long CopiedAboveBytes = 32 * 1024;

    /// <summary>Whether a layer of <paramref name="units"/> units and gate rows of <paramref name="gateWidth"/> floats steps by blocks.</summary>
    public static bool StepsByBlock(int units, int gateWidth) => (long)units * gateWidth * sizeof(float) > CopiedAboveBytes;

    /// <summary>The floats of one k of one block in the copy: a vector of each gate.</summary>
    public static int RowFloats(RecurrentCell cell, int width) => cell.Gates * width;

    /// <summary>The floats of one block in the copy: every k's vectors of every gate.</summary>
    public static int BlockFloats(RecurrentPlan layer, int width) => layer.Units * RowFloats(layer.Cell, width);
}

/// <summary>Copies W_hh into the block-major order of <see cref="RecurrentStepWeights"/>; on the scalar path, whose step reads W_hh
/// itself, it copies nothing.</summary>
/// <param name="Name">The method name.</param>
/// <param name="Layer">The layer.</param>
internal sealed record RecurrentStepWeightsCopyKernel(string Name, RecurrentPlan Layer) : IKernel
{
    public IReadOnlyList<string> Parameters { get; } = new[] { "ref float wh", "ref float copy" };

    public void Emit(CodeWriter code, Isa isa)
    {
        RecurrentPlan l = Layer;
        code.Line($"// {l.Describe()}: W_hh copied block by block for streamed steps");
        if (isa.IsScalar)
        {
            code.Line("// This path's step reads W_hh itself: nothing to copy.");
            code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
            code.Close();
            return;
        }

        int width = isa.Width;
        int row = RecurrentStepWeights.RowFloats(l.Cell, width);
        code.Line($"// Blocks of {width} units: for each k, the block's vector of each of the {l.Cell.Gates} gates one after the other.");
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Open($"for (nuint unit = 0; unit < {l.PaddedUnits}; unit += {width})");
        code.Line($"ref float block = ref Unsafe.Add(ref copy, unit * {RecurrentStepWeights.BlockFloats(l, width) / width});");
        code.Open($"for (nuint k = 0; k < {l.Units}; k++)");
        code.Line($"ref float rows = ref Unsafe.Add(ref wh, (k * {l.GateWidth}) + unit);");
        code.Line($"ref float copied = ref Unsafe.Add(ref block, k * {row});");
        var stores = new List<string>();
        for (int g = 0; g < l.Cell.Gates; g++)
        {
            stores.Add(isa.Store(isa.Load("rows", StepProducts.Text(g * l.PaddedUnits)), "copied", StepProducts.Text(g * width)));
        }

        code.Line(string.Join(" ", stores));
        code.Close();
        code.Close();
        code.Close();
    }
}
