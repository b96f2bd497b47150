using System;
using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Shapes;

/// <summary>How a Dense layer stores its weight matrix internally.</summary>
internal enum WeightLayout
{
    /// <summary><c>[inputs][paddedUnits]</c>: the forward pass and the weight gradient run along the units;
    /// the input gradient is a dot product over them. Chosen when the layer widens or comes first.</summary>
    InputMajor,

    /// <summary><c>[units][paddedInputs]</c>, as PyTorch stores it: the forward pass is a dot product over
    /// the inputs; the input gradient and the weight gradient run along the inputs. Chosen when the layer narrows.</summary>
    OutputMajor,
}

/// <summary>Where a layer reads its input rows from.</summary>
/// <param name="IsNetworkInput">True for the caller's input span; false for a buffer of the slab.</param>
/// <param name="Offset">The buffer's offset in the slab (floats), when not the network input.</param>
/// <param name="Stride">Floats from one row to the next.</param>
internal sealed record RowSource(bool IsNetworkInput, long Offset, int Stride);

/// <summary>The memory plan and kernel choices of one layer.</summary>
internal abstract class LayerLayout
{
    protected LayerLayout(int index, int inputs, int outputs, RowSource source)
    {
        Index = index;
        Inputs = inputs;
        Outputs = outputs;
        Source = source;
    }


    /// <summary>The position of the layer among all layers, from 0.</summary>
    public int Index { get; }

    public int Inputs { get; }

    public int Outputs { get; }

    /// <summary>The width of a row of the layer's output buffer: <see cref="Outputs"/> rounded up to the alignment.</summary>
    public int PaddedOutputs => NetworkLayout.Pad(Outputs);

    /// <summary>Where the layer reads its input in training steps.</summary>
    public RowSource Source { get; set; }

    /// <summary>The layer's output rows (BatchSize x <see cref="PaddedOutputs"/>).</summary>
    public long OutputOffset { get; set; }
}

/// <summary>A Dense layer's plan.</summary>
internal sealed class DenseLayout : LayerLayout
{
    public DenseLayout(int index, int denseIndex, int inputs, int outputs, ActivationKind activation, RowSource source)
        : base(index, inputs, outputs, source)
    {
        DenseIndex = denseIndex;
        Activation = activation;
    }

    /// <summary>The position among Dense layers, from 0.</summary>
    public int DenseIndex { get; }

    public ActivationKind Activation { get; }

    public int PaddedInputs => NetworkLayout.Pad(Inputs);

    public WeightLayout WeightLayout { get; set; }

    /// <summary>Whether a Dense layer comes before this one, so that the input gradient is needed.</summary>
    public bool NeedsInputGradient { get; set; }

    /// <summary>Whether the pre-activation values are kept (GELU's derivative and the fused losses need them).</summary>
    public bool StoresPreActivation { get; set; }

    /// <summary>The rows of the gradient with respect to the layer's pre-activation (BatchSize x <see cref="LayerLayout.PaddedOutputs"/>):
    /// every Dense layer has its own, so that the weight gradients can all run after the whole backward data pass.</summary>
    public long GradientOffset { get; set; }

    /// <summary>Where the pre-activation rows are kept, when they are.</summary>
    public long PreActivationOffset { get; set; }

    /// <summary>Offset of the weights in every parameter-shaped block (floats).</summary>
    public long WeightOffset { get; set; }

    /// <summary>Offset of the bias in every parameter-shaped block (floats).</summary>
    public long BiasOffset { get; set; }

    /// <summary>The columns of one panel of an input-major matrix (see <see cref="NetworkLayout"/>): all <see cref="LayerLayout.PaddedOutputs"/>
    /// when the matrix is one panel. An output-major matrix is always one panel of rows of <see cref="PaddedInputs"/>.</summary>
    public int PanelWidth { get; set; }

    /// <summary>The number of panels: every one <see cref="PanelWidth"/> wide except perhaps a narrower last one.</summary>
    public int PanelCount { get; set; } = 1;

    /// <summary>Floats from the start of one panel to the start of the next.</summary>
    public long PanelStride { get; set; }

    /// <summary>The columns of the last panel.</summary>
    public int LastPanelWidth => PaddedOutputs - ((PanelCount - 1) * PanelWidth);

    /// <summary>Whether the input-major matrix is stored in more than one panel.</summary>
    public bool IsPacked => PanelCount > 1;

    /// <summary>The number of floats of the internal weight matrix, padding included.</summary>
    public long WeightStorage => WeightLayout == WeightLayout.InputMajor
        ? ((PanelCount - 1) * PanelStride) + ((long)Inputs * LastPanelWidth)
        : (long)Outputs * PaddedInputs;

    /// <summary>Where the weight starts in the canonical (PyTorch) order.</summary>
    public long CanonicalWeightOffset { get; set; }

    public long CanonicalBiasOffset => CanonicalWeightOffset + ((long)Outputs * Inputs);
}

/// <summary>A Dropout layer's plan.</summary>
internal sealed class DropoutLayout : LayerLayout
{
    public DropoutLayout(int index, int width, float rate, RowSource source)
        : base(index, width, width, source)
    {
        Rate = rate;
    }

    public float Rate { get; }

    /// <summary>The mask rows (BatchSize x padded width): 0 or 1 / (1 - rate).</summary>
    public long MaskOffset { get; set; }
}

/// <summary>
/// The memory plan of a network: one slab of floats holding every buffer at a 64-byte aligned
/// offset. Parameter-shaped blocks (parameters, gradients, optimizer state) share one layout:
/// all weight matrices, then all biases. Computed in 64-bit arithmetic so that an oversized
/// declaration is reported rather than overflowing.
/// </summary>
/// <remarks>
/// An input-major matrix may be stored in panels: panel p holds columns [p w, p w + w) of every
/// row, row after row (<c>[inputs][w]</c>, contiguous), so that a kernel walking down a block of
/// w columns reads one contiguous stream instead of a short piece of every row. The panels of one
/// matrix start at offsets spread evenly over 4 KB, since a kernel reading the same rows of every
/// panel would otherwise find all of them in the same sets of the first-level cache.
/// </remarks>
internal sealed class NetworkLayout
{
    /// <summary>Floats per alignment unit: 16 floats are 64 bytes, one AVX-512 vector and a cache line.</summary>
    public const int Alignment = 16;

    /// <summary>The floats of 4 KB: addresses this far apart fall into the same sets of a first-level data cache.</summary>
    public const int CacheSetSpan = 1024;

    /// <summary>The largest slab a float array can hold, less the alignment slack.</summary>
    public const long MaxSlabFloats = 0x7FFFFFC7L - Alignment;

    private NetworkLayout(NetworkSpec spec, List<LayerLayout> layers)
    {
        Spec = spec;
        Layers = layers;
    }

    public NetworkSpec Spec { get; }

    public IReadOnlyList<LayerLayout> Layers { get; }

    public IEnumerable<DenseLayout> DenseLayers
    {
        get
        {
            foreach (LayerLayout layer in Layers)
            {
                if (layer is DenseLayout dense)
                {
                    yield return dense;
                }
            }
        }
    }

    /// <summary>The last Dense layer, whose outputs are the network's.</summary>
    public DenseLayout Output { get; private set; } = null!;

    /// <summary>The canonical number of parameters.</summary>
    public long ParameterCount { get; private set; }

    /// <summary>The floats of one parameter-shaped block (weights then biases, padded).</summary>
    public long BlockLength { get; private set; }

    /// <summary>The floats of the weight part of a block (it starts at 0).</summary>
    public long WeightsLength { get; private set; }

    public const long ParametersOffset = 0;

    public long GradientsOffset => BlockLength;

    /// <summary>Parameter-shaped tensors of optimizer state: 0, 1 or 2.</summary>
    public int StateTensors { get; private set; }

    public long StateOffset(int tensor) => (2 + tensor) * BlockLength;

    /// <summary>A copy of the caller's input rows (BatchSize x InputSize, unpadded as the caller's), which the
    /// training passes read when they run on several threads.</summary>
    public long InputCopyOffset { get; private set; }

    public long SlabLength { get; private set; }

    public static int Pad(int count) => (int)PadLong(count);

    public static long PadLong(long count) => (count + Alignment - 1) / Alignment * Alignment;

    public static int StateTensorCount(OptimizerKind optimizer) => optimizer switch
    {
        OptimizerKind.Sgd => 0,
        OptimizerKind.Momentum or OptimizerKind.Nesterov or OptimizerKind.AdaGrad or OptimizerKind.RMSProp => 1,
        _ => 2,
    };

    /// <summary>Plans <paramref name="spec"/>; null when it is not valid enough to plan (no Dense layer,
    /// non-positive sizes) or when it would not fit in one array.</summary>
    /// <param name="spec">The network.</param>
    /// <param name="panelWidth">The panel width of an input-major layer (a multiple of <see cref="Alignment"/>;
    /// its padded outputs or more for one panel); by default every matrix is one panel.</param>
    public static NetworkLayout? Create(NetworkSpec spec, Func<DenseLayout, int>? panelWidth = null)
    {
        if (spec.InputSize < 1 || spec.BatchSize < 1 || spec.InputSize > MaxSlabFloats / 2)
        {
            return null;
        }

        var layers = new List<LayerLayout>();
        int width = spec.InputSize;
        var source = new RowSource(true, 0, spec.InputSize);
        int denseCount = 0;
        long slab;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            LayerLayout planned;
            if (layer.Kind == LayerKindSpec.Dense)
            {
                if (layer.Units < 1 || layer.Units > MaxSlabFloats / 2)
                {
                    return null;
                }

                var dense = new DenseLayout(i, denseCount, width, layer.Units, layer.Activation, source)
                {
                    NeedsInputGradient = denseCount > 0,
                };
                dense.WeightLayout = denseCount == 0 || dense.PaddedOutputs >= dense.PaddedInputs
                    ? WeightLayout.InputMajor
                    : WeightLayout.OutputMajor;
                denseCount++;
                planned = dense;
                width = layer.Units;
            }
            else
            {
                planned = new DropoutLayout(i, width, layer.Rate, source);
            }

            layers.Add(planned);
            source = new RowSource(false, 0, Pad(width));
        }

        if (denseCount == 0)
        {
            return null;
        }

        var layout = new NetworkLayout(spec, layers);
        DenseLayout? output = null;
        foreach (DenseLayout dense in layout.DenseLayers)
        {
            output = dense;
        }

        layout.Output = output!;
        foreach (DenseLayout dense in layout.DenseLayers)
        {
            bool fusedLoss = dense == output && spec.Loss is LossKind.BinaryCrossEntropy or LossKind.CategoricalCrossEntropy;
            dense.StoresPreActivation = dense.Activation == ActivationKind.GELU || fusedLoss;
        }

        foreach (DenseLayout dense in layout.DenseLayers)
        {
            PlanPanels(dense, dense.WeightLayout == WeightLayout.InputMajor && panelWidth is not null ? panelWidth(dense) : 0);
        }

        // Parameter-shaped blocks: every weight matrix, then every bias.
        long offset = 0;
        long canonical = 0;
        foreach (DenseLayout dense in layout.DenseLayers)
        {
            dense.WeightOffset = offset;
            offset += PadLong(dense.WeightStorage);
            dense.CanonicalWeightOffset = canonical;
            canonical += ((long)dense.Outputs * dense.Inputs) + dense.Outputs;
        }

        layout.WeightsLength = offset;
        foreach (DenseLayout dense in layout.DenseLayers)
        {
            dense.BiasOffset = offset;
            offset += dense.PaddedOutputs;
        }

        layout.BlockLength = offset;
        layout.ParameterCount = canonical;
        layout.StateTensors = StateTensorCount(spec.Optimizer);
        slab = (2 + layout.StateTensors) * offset;

        // Row buffers for BatchSize rows: every layer's output, the pre-activations kept, dropout masks.
        foreach (LayerLayout layer in layers)
        {
            long rowsFloats = (long)spec.BatchSize * layer.PaddedOutputs;
            layer.OutputOffset = slab;
            slab += rowsFloats;
            if (layer is DenseLayout { StoresPreActivation: true } dense)
            {
                dense.PreActivationOffset = slab;
                slab += rowsFloats;
            }
            else if (layer is DropoutLayout dropout)
            {
                dropout.MaskOffset = slab;
                slab += rowsFloats;
            }

            if (layer is DenseLayout withGradient)
            {
                withGradient.GradientOffset = slab;
                slab += rowsFloats;
            }

            if (slab > MaxSlabFloats)
            {
                return null;
            }
        }

        layout.InputCopyOffset = slab;
        slab += PadLong((long)spec.BatchSize * spec.InputSize);
        layout.SlabLength = slab;

        // Each layer after the first reads the previous layer's output buffer, now that it has an offset.
        for (int i = 1; i < layers.Count; i++)
        {
            layers[i].Source = new RowSource(false, layers[i - 1].OutputOffset, layers[i - 1].PaddedOutputs);
        }

        if (slab > MaxSlabFloats || canonical > int.MaxValue)
        {
            return null;
        }

        return layout;
    }

    /// <summary>Splits an input-major matrix into panels of <paramref name="width"/> columns (one panel when it is 0 or
    /// covers every column), each starting a spread share of 4 KB after the previous one.</summary>
    private static void PlanPanels(DenseLayout dense, int width)
    {
        if (dense.WeightLayout != WeightLayout.InputMajor || width <= 0 || width >= dense.PaddedOutputs)
        {
            dense.PanelWidth = dense.WeightLayout == WeightLayout.InputMajor ? dense.PaddedOutputs : dense.PaddedInputs;
            dense.PanelCount = 1;
            dense.PanelStride = dense.WeightStorage;
            return;
        }

        dense.PanelWidth = width;
        dense.PanelCount = (dense.PaddedOutputs + width - 1) / width;
        long panel = (long)width * dense.Inputs;
        long spread = Math.Max(Alignment, PadLong(CacheSetSpan / dense.PanelCount));
        dense.PanelStride = panel + ((spread - (panel % CacheSetSpan) + CacheSetSpan) % CacheSetSpan);
    }

    /// <summary>The number of parameters (weights and biases) of <paramref name="spec"/>, in double
    /// precision so that it names the size of a declaration too large to plan.</summary>
    public static double CountParameters(NetworkSpec spec)
    {
        double parameters = 0;
        double width = Math.Max(spec.InputSize, 0);
        foreach (LayerSpec layer in spec.Layers)
        {
            if (layer.Kind == LayerKindSpec.Dense)
            {
                double units = Math.Max(layer.Units, 0);
                parameters += (width * units) + units;
                width = units;
            }
        }

        return parameters;
    }

    /// <summary>The dropout layers between this Dense layer and the previous Dense layer (or the input), nearest first.</summary>
    public IEnumerable<DropoutLayout> DropoutsBefore(DenseLayout dense)
    {
        for (int i = dense.Index - 1; i >= 0 && Layers[i] is DropoutLayout dropout; i--)
        {
            yield return dropout;
        }
    }

    /// <summary>
    /// Where a layer reads its input in inference mode, where dropout layers are the identity: the
    /// input of the first dropout before it, except that a dropout on the network input copies the
    /// caller's rows into its own padded buffer, so that the next layer always sees the same stride.
    /// </summary>
    public RowSource InferenceSource(LayerLayout layer)
    {
        RowSource source = layer.Source;
        for (int i = layer.Index - 1; i >= 0 && Layers[i] is DropoutLayout dropout && !dropout.Source.IsNetworkInput; i--)
        {
            source = dropout.Source;
        }

        return source;
    }
}
