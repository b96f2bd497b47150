using System.Collections.Generic;
using NetGen.Generator.Model;
using NetGen.Generator.Shapes;

namespace NetGen.Generator.Emit;

/// <summary>One generated source file.</summary>
internal sealed record GeneratedFile(string HintName, string Source);

/// <summary>
/// Turns a valid <see cref="NetworkSpec"/> into source: one file with the public members, the
/// memory plan, the loss and the parameter order, and one file per instruction set with the
/// passes and kernels specialised for it.
/// </summary>
internal static class NetworkEmitter
{
    /// <summary>The files for <paramref name="spec"/>, or none when it cannot be planned.</summary>
    public static IReadOnlyList<GeneratedFile> Emit(NetworkSpec spec)
    {
        // Large input-major weight matrices are stored in panels the forward pass reads one after the other; a declaration
        // that fits in one array only without the spacing of the panels is planned without them.
        NetworkLayout? layout = NetworkLayout.Create(spec, dense => Kernels.TilePlanner.PanelWidth(spec.BatchSize, dense.Inputs, dense.PaddedOutputs))
            ?? NetworkLayout.Create(spec);
        if (layout is null)
        {
            return System.Array.Empty<GeneratedFile>();
        }

        var context = new EmitContext(spec, layout);
        var files = new List<GeneratedFile> { new($"{spec.HintName}.g.cs", EmitMain(context)) };
        foreach (Isa isa in Isa.All)
        {
            files.Add(new GeneratedFile($"{spec.HintName}.{isa.Name}.g.cs", PassEmitter.Emit(context, isa)));
        }

        if (spec.FixedBuffers)
        {
            files.Add(new GeneratedFile($"{spec.HintName}.FixedBuffers.g.cs", FixedBufferEmitter.Emit(context)));
        }

        return files;
    }

    private static string EmitMain(EmitContext context)
    {
        var code = new CodeWriter();
        NetworkSpec spec = context.Spec;
        TypeShell.Open(code, spec, $"global::NetGen.INetwork<{spec.TypeName}>, global::NetGen.Threading.IPartitionedWork", "sizes, memory plan and public members");
        code.Line($"// {Describe(context)}");
        MemoryPlanEmitter.Emit(code, context);
        code.Line();
        ApiEmitter.EmitState(code, context);
        code.Line();
        ApiEmitter.EmitMembers(code, context);
        code.Line();
        LossEmitter.Emit(code, context);
        code.Line();
        Kernels.GradientStore.EmitUpdate(code, spec.Optimizer);
        code.Line();
        ParameterOrderEmitter.Emit(code, context);
        TypeShell.Close(code, spec);
        return code.ToString();
    }

    private static string Describe(EmitContext context)
    {
        var text = new System.Text.StringBuilder();
        text.Append(context.Spec.InputSize);
        foreach (LayerSpec layer in context.Spec.Layers)
        {
            text.Append(" -> ");
            text.Append(layer.Kind == LayerKindSpec.Dense
                ? $"Dense({layer.Units}, {layer.Activation})"
                : $"Dropout({EmitContext.Float(layer.Rate).TrimEnd('f')})");
        }

        text.Append("; ").Append(context.Spec.Loss).Append("; ").Append(context.Spec.Optimizer);
        return text.ToString();
    }
}
