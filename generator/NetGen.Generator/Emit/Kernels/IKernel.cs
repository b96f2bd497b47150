using System.Collections.Generic;

namespace NetGen.Generator.Emit.Kernels;

/// <summary>
/// A kernel emitted once per instruction set, as <c>Name_Vector512</c>, <c>Name_Vector256</c>, ... with the same
/// parameters, and called through one dispatcher <c>Name</c> that picks the widest set the machine accelerates
/// (see <see cref="KernelDispatch"/>). Portable code has the scalar method only, named <c>Name</c> itself.
/// </summary>
internal interface IKernel
{
    /// <summary>The dispatcher's name; each instruction set's method adds its <see cref="Isa.MethodSuffix"/>.</summary>
    string Name { get; }

    /// <summary>The parameters, such as <c>ref float x</c> and <c>int rows</c>.</summary>
    IReadOnlyList<string> Parameters { get; }

    /// <summary>Writes the method for <paramref name="isa"/>.</summary>
    void Emit(CodeWriter code, Isa isa);
}
