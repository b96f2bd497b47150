using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Layers.Pooling;

/// <summary>Emits a pooling layer: one kernel call forward and, when a layer with parameters comes before, one backward.</summary>
internal sealed class PoolingEmitter : LayerEmitter
{
    public static PoolingEmitter Instance { get; } = new();

    public override string Architecture(LayerPlan layer)
    {
        var pool = (PoolingPlan)layer;
        return $"new global::NetGen.PoolLayerInfo(global::NetGen.LayerKind.{pool.Spec.Name}, new global::NetGen.TensorShape({pool.Input.Shape.ToList()}), {pool.Spec.Size}, {pool.Spec.Stride})";
    }

    public override void Forward(PassWriter w, LayerPlan layer)
    {
        var pool = (PoolingPlan)layer;
        if (pool.PooledByConvolution)
        {
            w.Line("// inference calls: the convolution's kernel computed this layer's output");
            w.Open("if (training)");
        }

        w.Line($"{pool.Name}Forward({w.ForwardInput(pool)}, {FirstRow(pool.Output)}, rows);");
        if (pool.PooledByConvolution)
        {
            w.Close();
        }
    }

    public override void BackwardData(PassWriter w, LayerPlan layer)
    {
        var pool = (PoolingPlan)layer;
        if (pool.Output.Gradient is null)
        {
            return;
        }

        w.Line(pool.Spec.IsMax
            ? $"{pool.Name}Backward({FirstRow(pool.Input)}, {FirstRow(pool.Output)}, {FirstGradientRow(pool.Output)}, {FirstGradientRow(pool.Input)}, rows);"
            : $"{pool.Name}Backward({FirstGradientRow(pool.Output)}, {FirstGradientRow(pool.Input)}, rows);");
    }

    public override IEnumerable<IKernel> Kernels(LayerPlan layer)
    {
        var pool = (PoolingPlan)layer;
        yield return new PoolingKernel(pool, pool.Name + "Forward", Backward: false);
        if (pool.Output.Gradient is not null)
        {
            yield return new PoolingKernel(pool, pool.Name + "Backward", Backward: true);
        }
    }
}
