using System;
using System.ComponentModel;

namespace NetGen.Engine;

/// <summary>
/// What the source generator adds to <see cref="INetworkPasses"/> for a network whose layers are all causal in time
/// (Dense, GRU, LSTM, Dropout, causal Conv1D, LayerNorm, Residual): one time step through every layer,
/// with the state each layer carries between steps (a recurrent layer's state, a causal convolution's history) kept
/// in one region of the slab, <see cref="StreamStateLength"/> floats from <see cref="StreamState"/>, that
/// <see cref="NetworkCore{TPasses}.ResetState{TStream}"/> zeroes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IStreamingPasses : INetworkPasses
{
    /// <summary>The values of one step of the input: the input sequence's last axis.</summary>
    int StepInputSize { get; }

    /// <summary>The values of one step of the output: the output's last axis.</summary>
    int StepOutputSize { get; }

    /// <summary>Where the layers' stream state starts in the slab.</summary>
    int StreamState { get; }

    /// <summary>The floats of the stream state (zero for a network that carries nothing between steps).</summary>
    int StreamStateLength { get; }

    /// <summary>Runs one step of <see cref="StepInputSize"/> values through every layer, updating the stream state, and leaves
    /// the step's output where <see cref="ReadStepOutput"/> finds it.</summary>
    void StepForward(ref float s, ref float input);

    /// <summary>Copies the output of the last <see cref="StepForward"/> into <paramref name="output"/>.</summary>
    void ReadStepOutput(ref float s, Span<float> output);
}
