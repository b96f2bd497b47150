using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Layers;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>Emits the kernels of one instruction set: every kernel the layers call, specialised for that set's vector width and
/// registers, and the helper that stores a gradient summed over the batch (the scalar path's portable kernels need none).</summary>
internal static class KernelFileEmitter
{
    public static string Emit(NetworkPlan plan, Isa isa)
    {
        var code = new CodeWriter();
        TypeShell.Open(code, plan.Spec, null, $"its {isa.Name} kernels");
        if (!isa.IsScalar)
        {
            GradientStore.EmitStore(code, isa);
        }

        bool first = isa.IsScalar;
        foreach (LayerPlan layer in plan.Layers)
        {
            foreach (IKernel kernel in layer.Emitter.Kernels(layer))
            {
                if (!first)
                {
                    code.Line();
                }

                first = false;
                kernel.Emit(code, isa);
            }
        }

        TypeShell.Close(code, plan.Spec);
        return code.ToString();
    }
}
