using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.Residual;

/// <summary>
/// A skip connection's forward pass over <c>rows</c> positions of <see cref="RowLength"/> floats laid out alike (every position of
/// the rows of a pass, or the one of a streamed step): <c>y = a + b</c>, the element-wise activation applied at the end.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Comment">What the kernel computes.</param>
/// <param name="RowLength">The floats of a position, a whole number of vectors.</param>
/// <param name="Activation">The element-wise activation, or None.</param>
/// <param name="StorePreActivation">Whether the sums are also stored to <c>z</c>.</param>
internal sealed record SumKernel(string Name, string Comment, int RowLength, Activation Activation, bool StorePreActivation) : IKernel
{
    public IReadOnlyList<string> Parameters => StorePreActivation
        ? new[] { "ref float a", "ref float b", "ref float y", "ref float z", "int rows" }
        : new[] { "ref float a", "ref float b", "ref float y", "int rows" };

    public void Emit(CodeWriter code, Isa isa)
    {
        code.Line($"// {Comment}");
        if (isa.IsScalar)
        {
            code.Line("// A plain loop over the rows' floats.");
        }
        else
        {
            isa.OptimizeFully(code);
        }

        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Open(isa.IsScalar ? $"for (int i = 0; i < rows * {RowLength}; i++)" : $"for (nuint i = 0; i < (nuint)(rows * {RowLength}); i += {isa.Width})");
        string sum = $"{isa.Load("a", "i")} + {isa.Load("b", "i")}";
        if (StorePreActivation)
        {
            code.Line($"{isa.VectorType} sum = {sum};");
            code.Line($"{isa.Store("sum", "y", "i")} {isa.Store("sum", "z", "i")}");
        }
        else
        {
            code.Line(isa.Store(sum, "y", "i"));
        }

        code.Close();
        ActivationCode.EmitEpilogue(code, isa, Activation, RowLength);
        code.Close();
    }
}
