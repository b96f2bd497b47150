using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generator.Emit.Kernels;

/// <summary>Emits the dispatcher of a kernel: a method the passes call, which runs the variant of the widest
/// instruction set the machine accelerates. The conditions are constants to the JIT, which keeps one call and
/// inlines the dispatcher away.</summary>
internal static class KernelDispatch
{
    public static void Emit(CodeWriter code, IKernel kernel, IReadOnlyList<Isa> sets)
    {
        string arguments = string.Join(", ", kernel.Parameters.Select(Argument));
        code.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        code.Open($"private static void {kernel.Name}({string.Join(", ", kernel.Parameters)})");
        for (int i = 0; i < sets.Count; i++)
        {
            Isa isa = sets[i];
            string call = $"{kernel.Name}{isa.MethodSuffix}({arguments});";
            if (sets.Count == 1)
            {
                code.Line(call);
                break;
            }

            code.Line((i == 0 ? $"if ({isa.Condition}) " : isa.IsScalar ? "else " : $"else if ({isa.Condition}) ") + call);
        }

        code.Close();
    }

    /// <summary>The argument passing <paramref name="parameter"/> on: <c>ref float x</c> gives <c>ref x</c>.</summary>
    private static string Argument(string parameter)
    {
        string[] words = parameter.Split(' ');
        string name = words[words.Length - 1];
        return words[0] is "ref" or "in" or "out" ? words[0] + " " + name : name;
    }
}
