using NetGen;

namespace AmpModel;

/// <summary>
/// The model of the amplifier, RTNeural's usual shape: one input sample per step through a GRU of 16 units and a Dense
/// layer to one output sample per step. Trained on chunks of <see cref="ChunkSamples"/> samples (2 ms at 48 kHz); run
/// one sample per <c>PredictStep</c>, its state carried from sample to sample.
/// </summary>
[Network(ChunkSamples, 1, Optimizer = Optimizer.Adam, LearningRate = 0.005f, ClipNorm = 1f, BatchSize = 32)]
[GRU(16, ReturnSequences = true)]
[Dense(1)]
public partial class AmpNetwork
{
    /// <summary>The samples of one training sequence.</summary>
    public const int ChunkSamples = 96;
}
