using System.Globalization;
using System.Collections.Generic;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Validation;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.Pooling;

/// <summary><c>[MaxPool1D(size)]</c>, <c>[AvgPool1D(size)]</c>, <c>[MaxPool2D(size)]</c> or <c>[AvgPool2D(size)]</c> as declared.</summary>
/// <param name="Rank">The spatial axes: 1 or 2.</param>
/// <param name="IsMax">Whether it takes the maximum (else the mean).</param>
/// <param name="Size">The window's length along each axis.</param>
/// <param name="Stride">The step between two windows.</param>
internal sealed record PoolingSpec(int Rank, bool IsMax, int Size, int Stride) : LayerSpec
{
    public override LayerKind Kind => (Rank, IsMax) switch
    {
        (1, true) => MaxPool1DKind.Instance,
        (1, false) => AvgPool1DKind.Instance,
        (_, true) => MaxPool2DKind.Instance,
        _ => AvgPool2DKind.Instance,
    };

    /// <summary>The attribute's name without its suffix, as the runtime's <c>LayerKind</c> spells it: <c>MaxPool2D</c>.</summary>
    public string Name => (IsMax ? "MaxPool" : "AvgPool") + Rank.ToString(CultureInfo.InvariantCulture) + "D";

    /// <summary>The layer as declarations write it, the stride only when it is not the size.</summary>
    public string Declaration => Stride == Size ? $"{Name}({Size})" : $"{Name}({Size}, Stride = {Stride})";
}

/// <summary><c>[MaxPool1D]</c>.</summary>
internal sealed class MaxPool1DKind : PoolingKind
{
    public static MaxPool1DKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<MaxPool1DAttribute>();

    protected override int Rank => 1;

    protected override bool IsMax => true;
}

/// <summary><c>[AvgPool1D]</c>.</summary>
internal sealed class AvgPool1DKind : PoolingKind
{
    public static AvgPool1DKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<AvgPool1DAttribute>();

    protected override int Rank => 1;

    protected override bool IsMax => false;
}

/// <summary><c>[MaxPool2D]</c>.</summary>
internal sealed class MaxPool2DKind : PoolingKind
{
    public static MaxPool2DKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<MaxPool2DAttribute>();

    protected override int Rank => 2;

    protected override bool IsMax => true;
}

/// <summary><c>[AvgPool2D]</c>.</summary>
internal sealed class AvgPool2DKind : PoolingKind
{
    public static AvgPool2DKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<AvgPool2DAttribute>();

    protected override int Rank => 2;

    protected override bool IsMax => false;
}

/// <summary>
/// The maximum or the mean of each channel over windows of a sequence or an image, with no padding and rounding down, as
/// PyTorch's pools. Channels are the vector lanes. A max pool sends each window's gradient to the window's first maximum (found
/// again in the backward pass by comparing the input with the output); windows that do not overlap write the input gradient
/// directly, overlapping ones add to it.
/// </summary>
internal abstract class PoolingKind : LayerKind<PoolingSpec>
{
    public const string SizeArgument = "size";

    protected abstract int Rank { get; }

    protected abstract bool IsMax { get; }

    public override bool MakesFeatureMaps => true;

    public override LayerSpec? Read(AttributeReader attribute)
        => attribute.TryInt(0, SizeArgument, out int size) && attribute.TryNamedInt(nameof(MaxPool1DAttribute.Stride), size, out int stride)
            ? new PoolingSpec(Rank, IsMax, size, stride)
            : null;

    protected override LayerPlan? Plan(PoolingSpec spec, LayerContext context)
    {
        bool positive = WindowChecks.Positive(context, spec.Name, SizeArgument, spec.Size)
            & WindowChecks.Positive(context, spec.Name, nameof(MaxPool1DAttribute.Stride), spec.Stride);
        if (!positive || !WindowChecks.Rank(context, spec.Name, spec.Rank))
        {
            return null;
        }

        TensorPlan input = context.Input;
        var geometry = WindowGeometry.Of(input.Shape, spec.Size, spec.Stride, 1, Padding.Valid);
        if (!geometry.Fits)
        {
            bool height = geometry.OutHeight < 1;
            context.Report(
                ProblemIds.PoolLeavesNothing,
                SizeArgument,
                spec.Name,
                (context.Index + 1).ToString(CultureInfo.InvariantCulture),
                spec.Size.ToString(CultureInfo.InvariantCulture),
                spec.Rank == 1 ? "length" : height ? "height" : "width",
                input.Shape.ToString(),
                (height ? geometry.InHeight : geometry.InWidth).ToString(CultureInfo.InvariantCulture));
            return null;
        }

        int channels = input.Channels;
        int stride = MemoryPlan.Pad(channels);
        long row = (long)geometry.OutPositions * stride;
        if (row * context.Network.BatchSize > MemoryPlan.MaxSlabFloats)
        {
            return context.ReportTooLarge(0);
        }

        string rows = $"[{context.Network.BatchSize}][{geometry.OutPositions}][{stride}]";
        string output = context.Rows("Output", row, rows);
        string? gradient = input.Gradient is null ? null : context.Rows("Gradient", row, rows + ", the gradient with respect to the output");
        var outputTensor = new TensorPlan(geometry.OutputShape(input.Shape.Rank, channels), output, output, stride, (int)row, ZeroPadded: true, gradient, null);
        return new PoolingPlan(context.Index, input, outputTensor, spec, geometry);
    }

    /// <summary>A stride longer than the window leaves input positions that no window reads.</summary>
    public override void Advise(LayerPlan layer, NetworkPlan network, List<Problem> problems)
    {
        var pool = (PoolingPlan)layer;
        WindowChecks.AdviseSkips(pool.Spec.Name, pool.Geometry, pool.Spec.Stride, layer, problems);
    }
}
