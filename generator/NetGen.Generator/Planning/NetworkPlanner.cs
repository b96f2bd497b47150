using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Layers;
using NetGen.Generator.Model;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Planning;

/// <summary>
/// Turns a spec into its one immutable plan: each layer kind plans its layer on the tensor the previous one
/// gives (shapes, buffers, weight layouts), then the memory plan places every buffer. Problems are collected
/// on the way, each at its site, with the shapes computed so far.
/// </summary>
internal static class NetworkPlanner
{
    public static PlanResult Plan(NetworkSpec spec)
    {
        var problems = new List<Problem>();
        NetworkValidator.CheckDeclaration(spec, problems);
        if (!NetworkValidator.ShapeIsValid(spec.InputShape))
        {
            return new PlanResult(null, new EquatableArray<Problem>(problems));
        }

        // Large weight matrices are stored in panels; a network that fits in one array only without the panels'
        // spacing is planned without them.
        Attempt attempt = TryPlan(spec, allowPanels: true, problems);
        if (attempt.TooLarge)
        {
            attempt = TryPlan(spec, allowPanels: false, new List<Problem>());
        }

        if (attempt.TooLarge)
        {
            problems.Add(new Problem(
                ProblemIds.TooLarge,
                Site.Network(),
                spec.TypeName,
                spec.BatchSize.ToString(CultureInfo.InvariantCulture),
                attempt.Parameters.ToString("N0", CultureInfo.InvariantCulture),
                MemoryPlan.MaxSlabFloats.ToString("N0", CultureInfo.InvariantCulture)));
        }

        return new PlanResult(problems.Count == 0 ? attempt.Plan : null, new EquatableArray<Problem>(problems));
    }

    /// <summary>The parameter-shaped tensors of optimizer state <paramref name="optimizer"/> keeps: 0, 1 or 2.</summary>
    public static int StateTensorCount(Optimizer optimizer) => optimizer switch
    {
        Optimizer.Sgd => 0,
        Optimizer.Momentum or Optimizer.Nesterov or Optimizer.AdaGrad or Optimizer.RMSProp => 1,
        _ => 2,
    };

    private static Attempt TryPlan(NetworkSpec spec, bool allowPanels, List<Problem> problems)
    {
        var buffers = new List<BufferRequest>();
        var layers = new List<LayerPlan>();
        TensorPlan input = TensorPlan.NetworkInput(spec.InputShape);
        TensorPlan tensor = input;
        long parameters = 0;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            var context = new LayerContext(spec, i, tensor, parameters > 0, parameters, allowPanels, buffers, problems, layers);
            LayerPlan? planned = layer.Kind.Plan(layer, context);
            if (planned is null)
            {
                // The shapes after a layer that cannot be planned are unknown; what follows is checked once it is fixed.
                NetworkValidator.CheckLayers(spec, layers, problems);
                return new Attempt(null, context.TooLarge && problems.Count == 0, parameters + context.TooLargeParameters);
            }

            layers.Add(planned);
            parameters += planned.ParameterCount;
            tensor = planned.Output;
        }

        NetworkValidator.CheckLayers(spec, layers, problems);
        FoldReLUGradientsIntoMaxPools(layers);
        PoolInsideConvolutionsForInference(layers);
        if (problems.Count > 0 || spec.BatchSize < 1)
        {
            return new Attempt(null, false, parameters);
        }

        MemoryPlan? memory = parameters > int.MaxValue
            ? null
            : MemoryPlan.Create(buffers, spec.BatchSize, spec.InputShape.Size, StateTensorCount(spec.Optimizer));
        return memory is null
            ? new Attempt(null, true, parameters)
            : new Attempt(new NetworkPlan(spec, input, new EquatableArray<LayerPlan>(layers), memory, parameters), false, parameters);
    }

    /// <summary>A convolution with ReLU followed by a max pool of its output: the pool's backward pass routes each window's gradient only to a
    /// maximum above zero, which is the ReLU's gradient at every position that gets one, so the convolution skips its own pass over the
    /// (large) output for it.</summary>
    private static void FoldReLUGradientsIntoMaxPools(List<LayerPlan> layers)
    {
        for (int i = 0; i + 1 < layers.Count; i++)
        {
            if (layers[i] is Layers.Convolution.ConvolutionPlan { Activation: Activation.ReLU, PreActivationBuffer: null } convolution
                && layers[i + 1] is Layers.Pooling.PoolingPlan { Spec.IsMax: true } pool
                && convolution.Output.Gradient is not null
                && pool.Output.Gradient is not null
                && pool.Input.Buffer == convolution.Output.Buffer)
            {
                layers[i] = convolution with { ReLUBackwardInNextPool = true };
                layers[i + 1] = pool with { PassesThroughReLU = true };
            }
        }
    }

    /// <summary>A convolution whose kernel can pool its own output in registers, followed by that max pool (directly, or after a BatchNorm
    /// that folds into the convolution for inference): inference calls compute both in one pass
    /// (<see cref="Layers.Convolution.ConvolutionPooledForwardKernel"/>), so the tensor the pool reads is neither written nor read again.
    /// Not when a residual connection reads that tensor.</summary>
    private static void PoolInsideConvolutionsForInference(List<LayerPlan> layers)
    {
        for (int i = 0; i + 1 < layers.Count; i++)
        {
            if (layers[i] is not Layers.Convolution.ConvolutionPlan convolution)
            {
                continue;
            }

            // The tensor the convolution's inference kernel writes: its output, or that of the BatchNorm folded into it.
            var folded = layers[i + 1] as Layers.BatchNorm.BatchNormPlan;
            ChannelFold? fold = folded?.FoldPlan is { } plan && plan.Target.Index == i ? plan : null;
            int next = fold is null ? i + 1 : i + 2;
            TensorPlan written = fold is null ? convolution.Output : fold.Output;
            Activation activation = fold is null ? convolution.Activation : fold.Activation;
            if (next < layers.Count
                && layers[next] is Layers.Pooling.PoolingPlan pool
                && pool.Input.Buffer == written.Buffer
                && Layers.Convolution.ConvolutionPooledForwardKernel.Fits(convolution, pool, activation)
                && !layers.OfType<Layers.Residual.ResidualPlan>().Any(residual => residual.Skip.Buffer == written.Buffer))
            {
                layers[next] = pool with { PooledByConvolution = true };
                var pooling = convolution with { InferencePool = (Layers.Pooling.PoolingPlan)layers[next], InferencePoolAfterFold = fold is not null };
                layers[i] = pooling;
                if (fold is not null)
                {
                    layers[i + 1] = folded! with { FoldPlan = fold with { Target = pooling } };
                }
            }
        }
    }

    /// <summary>One way of planning a network: its plan, or whether it failed only for its size.</summary>
    private readonly record struct Attempt(NetworkPlan? Plan, bool TooLarge, double Parameters);
}
