namespace NetGen.Serialization;

/// <summary>What a safetensors file holds for one architecture (see <see cref="Safetensors.ReadContents"/>).</summary>
/// <param name="Parameters">The parameters in the order of <see cref="INetwork.ExportParameters"/>.</param>
/// <param name="State">The state in the order of <see cref="INetwork.ExportState"/>; empty for a network without state.</param>
/// <param name="BatchesTracked">The count of training batches the state took in (PyTorch's <c>num_batches_tracked</c>).</param>
public sealed record SafetensorsContents(float[] Parameters, float[] State, long BatchesTracked);
