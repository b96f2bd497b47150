using System.Globalization;
using NetGen.Generator.Model;
using NetGen.Generator.Shapes;

namespace NetGen.Generator.Emit;

/// <summary>The plan being emitted and the names emitted code uses for its parts.</summary>
internal sealed class EmitContext
{
    public EmitContext(NetworkSpec spec, NetworkLayout layout)
    {
        Spec = spec;
        Layout = layout;
    }

    public NetworkSpec Spec { get; }

    public NetworkLayout Layout { get; }

    /// <summary>Layers are named by their position in the declaration, from 1, as diagnostics number them.</summary>
    public static string LayerName(LayerLayout layer) => "Layer" + (layer.Index + 1).ToString(CultureInfo.InvariantCulture);

    public static string Weights(DenseLayout layer) => LayerName(layer) + "Weights";

    public static string Bias(DenseLayout layer) => LayerName(layer) + "Bias";

    public static string Output(LayerLayout layer) => LayerName(layer) + "Output";

    public static string PreActivation(DenseLayout layer) => LayerName(layer) + "PreActivation";

    public static string Mask(DropoutLayout layer) => LayerName(layer) + "Mask";

    public static string OutputGradient(DenseLayout layer) => LayerName(layer) + "Gradient";

    /// <summary>A one-line description such as <c>Dense(128, ReLU): 784 -> 128, weights [784][128] input-major</c>.</summary>
    public static string Describe(LayerLayout layer) => layer switch
    {
        DenseLayout dense => string.Format(
            CultureInfo.InvariantCulture,
            "Layer {0}, Dense({1}, {2}): {3} -> {1}, weights {4}",
            dense.Index + 1,
            dense.Outputs,
            dense.Activation,
            dense.Inputs,
            WeightShape(dense)),
        DropoutLayout dropout => string.Format(CultureInfo.InvariantCulture, "Layer {0}, Dropout({1}): {2} -> {2}", dropout.Index + 1, Float(dropout.Rate), dropout.Outputs),
        _ => "Layer",
    };

    /// <summary>How a layer stores its weights, such as <c>[784][128] input-major</c> or <c>[1024][1024] input-major in panels of 96 columns</c>,
    /// with <paramref name="separator"/> between the shape and the order.</summary>
    public static string WeightShape(DenseLayout dense, string separator = " ") => dense.WeightLayout == WeightLayout.OutputMajor
        ? $"[{dense.Outputs}][{dense.PaddedInputs}]{separator}output-major"
        : dense.IsPacked
            ? $"[{dense.Inputs}][{dense.PaddedOutputs}]{separator}input-major in panels of {dense.PanelWidth} columns"
            : $"[{dense.Inputs}][{dense.PaddedOutputs}]{separator}input-major";

    /// <summary>A reference expression to a slab region: <c>Unsafe.Add(ref s, Name)</c>.</summary>
    public static string At(string constant) => $"ref Unsafe.Add(ref s, {constant})";

    /// <summary>A reference to where a layer reads its input rows.</summary>
    public string SourceReference(RowSource source)
    {
        if (source.IsNetworkInput)
        {
            return "ref input";
        }

        foreach (LayerLayout layer in Layout.Layers)
        {
            if (layer.OutputOffset == source.Offset)
            {
                return At(Output(layer));
            }
        }

        return $"ref Unsafe.Add(ref s, {Int(source.Offset)})";
    }

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A float literal that round-trips exactly.</summary>
    public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

    public static string ActivationName(ActivationKind activation) => "global::NetGen.Kernels.Activations." + activation;

    public static bool ActivationIsElementwise(ActivationKind activation) => activation is not (ActivationKind.None or ActivationKind.Softmax);
}
