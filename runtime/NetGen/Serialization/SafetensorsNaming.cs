namespace NetGen.Serialization;

/// <summary>How <see cref="Safetensors"/> names the tensors of a network.</summary>
public enum SafetensorsNaming
{
    /// <summary>
    /// PyTorch's <c>nn.Sequential</c> names, where each Dense layer is an <c>nn.Linear</c> module
    /// followed by its activation as a module of its own (none for <see cref="Activation.None"/>)
    /// and each Dropout layer is an <c>nn.Dropout</c> module: <c>Dense(128, ReLU), Dense(10)</c>
    /// is <c>Sequential(Linear, ReLU, Linear)</c>, with tensors <c>0.weight</c>, <c>0.bias</c>,
    /// <c>2.weight</c>, <c>2.bias</c>.
    /// </summary>
    Sequential = 0,

    /// <summary>
    /// The position of the layer in the NetGen declaration (Dropout layers count, activations do
    /// not): <c>Dense(128, ReLU), Dropout(0.2), Dense(10)</c> has <c>0.weight</c>, <c>0.bias</c>,
    /// <c>2.weight</c>, <c>2.bias</c>. The same names as the initializers of an ONNX export.
    /// </summary>
    LayerIndex = 1,
}
