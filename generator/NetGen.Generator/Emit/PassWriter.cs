using System.Globalization;
using NetGen.Generator.Layers;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes the passes of one network: a <see cref="CodeWriter"/> with the network's plan and the expressions
/// that name its buffers. The passes share their parameter names: the slab <c>s</c>, the caller's input rows
/// <c>input</c>, and, in the passes over part of the rows, the first row <c>first</c> and the row count <c>rows</c>.
/// </summary>
internal sealed class PassWriter
{
    public PassWriter(CodeWriter code, NetworkPlan network)
    {
        Code = code;
        Network = network;
    }

    public CodeWriter Code { get; }

    public NetworkPlan Network { get; }

    public PassWriter Line(string text = "")
    {
        Code.Line(text);
        return this;
    }

    public PassWriter Open(string header)
    {
        Code.Open(header);
        return this;
    }

    public PassWriter Close()
    {
        Code.Close();
        return this;
    }

    /// <summary>A reference to the start of <paramref name="buffer"/> in the slab.</summary>
    public static string At(string buffer) => $"ref Unsafe.Add(ref s, {buffer})";

    /// <summary>A reference to row <c>first</c> of <paramref name="buffer"/>, whose rows are <paramref name="stride"/> floats apart.</summary>
    public static string Rows(string buffer, int stride) => $"ref Unsafe.Add(ref s, {buffer} + (first * {stride}))";

    /// <summary>Row <c>first</c> of <paramref name="tensor"/> as training calls hold it (the caller's rows are passed from row <c>first</c> on).</summary>
    public static string FirstRow(TensorPlan tensor) => tensor.IsNetworkInput ? "ref input" : Rows(tensor.Buffer!, tensor.RowStride);

    /// <summary>Row <c>first</c> of the gradient with respect to <paramref name="tensor"/>.</summary>
    public static string FirstGradientRow(TensorPlan tensor) => Rows(tensor.Gradient!, tensor.RowStride);

    /// <summary>Row 0 of <paramref name="tensor"/> in training calls, for the passes over all rows.</summary>
    public static string AllRows(TensorPlan tensor) => tensor.IsNetworkInput ? "ref input" : At(tensor.Buffer!);

    /// <summary>
    /// Row <c>first</c> of the tensor <paramref name="layer"/> reads in <c>Forward</c>: when inference calls hold it elsewhere
    /// (a Dropout layer before it is then the identity), a local chosen by <c>training</c> is declared first.
    /// </summary>
    public string ForwardInput(LayerPlan layer) => ForwardRows(layer.Input, "layer" + (layer.Index + 1).ToString(CultureInfo.InvariantCulture) + "Input");

    /// <summary>Row <c>first</c> of <paramref name="tensor"/> as <c>Forward</c> reads it, through a local named <paramref name="local"/>
    /// chosen by <c>training</c> when inference calls hold it elsewhere.</summary>
    public string ForwardRows(TensorPlan tensor, string local)
    {
        if (!tensor.DiffersInInference)
        {
            return FirstRow(tensor);
        }

        string inference = tensor.InferenceBuffer is null ? "ref input" : Rows(tensor.InferenceBuffer, tensor.RowStride);
        Line($"ref float {local} = ref training ? {FirstRow(tensor)} : {inference};");
        return "ref " + local;
    }

    /// <summary>The step <paramref name="layer"/> reads in <c>StepForward</c>: the caller's step, or the first position of the buffer
    /// that holds its input in inference calls.</summary>
    public static string StepInput(LayerPlan layer) => layer.Input.InferenceBuffer is null ? "ref input" : At(layer.Input.InferenceBuffer);

    /// <summary>Where <paramref name="layer"/> writes its step in <c>StepForward</c>: the first position of its output buffer.</summary>
    public static string StepOutput(LayerPlan layer) => At(layer.Output.InferenceBuffer!);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A float literal that round-trips exactly.</summary>
    public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";
}
