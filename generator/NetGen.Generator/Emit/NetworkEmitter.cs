using System.Collections.Generic;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>One generated source file.</summary>
internal sealed record GeneratedFile(string HintName, string Source);

/// <summary>
/// Turns a network's plan into source: the class's public members and memory plan (<see cref="MembersEmitter"/>), its
/// passes (<see cref="PassesEmitter"/>), its kernels once per instruction set (<see cref="KernelFileEmitter"/>; portable code has
/// the scalar kernels only) and, where
/// the project can have them, its fixed-size buffer types (<see cref="FixedBufferEmitter"/>). What every network shares
/// (argument checks, the training calls, threads, checkpoints) is the runtime's <c>NetworkCore</c>.
/// </summary>
internal static class NetworkEmitter
{
    public static IReadOnlyList<GeneratedFile> Emit(NetworkPlan plan)
    {
        string hint = plan.Spec.HintName;
        var files = new List<GeneratedFile>
        {
            new($"{hint}.g.cs", MembersEmitter.Emit(plan)),
            new($"{hint}.Passes.g.cs", PassesEmitter.Emit(plan)),
        };

        foreach (Isa isa in Isa.For(plan.Spec.Portable))
        {
            files.Add(new GeneratedFile($"{hint}.{isa.Name}.g.cs", KernelFileEmitter.Emit(plan, isa)));
        }

        if (plan.Spec.FixedBuffers)
        {
            files.Add(new GeneratedFile($"{hint}.FixedBuffers.g.cs", FixedBufferEmitter.Emit(plan)));
        }

        return files;
    }
}
