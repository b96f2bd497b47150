using System;
using System.Diagnostics.CodeAnalysis;

namespace NetGen;

/// <summary>
/// A network whose layers are all causal in time (Dense, GRU, LSTM, Dropout as the identity, and the other causal kinds),
/// over a sequence input <c>(T, F)</c>: it runs one time step per call, carrying its recurrent state between calls, with no
/// allocation, for a real-time loop (an audio callback, a game frame). The generator implements it for every such network.
/// </summary>
/// <remarks>
/// After <see cref="ResetState"/> (or construction), the output of the t-th <see cref="PredictStep"/> equals the network's
/// output for the sequence cut after step t: its output at position t when the network returns sequences, else its output
/// for those t steps (the PyTorch twin run on them). <c>Predict</c>, the training calls, <c>Save</c> and <c>Restore</c> leave the
/// stream state alone, so a network can be trained with <c>Fit</c> (or loaded) between streams; call <see cref="ResetState"/>
/// to start a new stream. <c>Reinitialize</c> zeroes it.
/// </remarks>
public interface IStreamingNetwork : INetwork
{
    /// <summary>The values of one input step: the input sequence's last axis.</summary>
    int StepInputSize { get; }

    /// <summary>The values of one output step: the output's last axis.</summary>
    int StepOutputSize { get; }

    /// <summary>Runs one time step in inference mode, after the steps since the last <see cref="ResetState"/>.</summary>
    /// <param name="step"><see cref="StepInputSize"/> floats.</param>
    /// <param name="output"><see cref="StepOutputSize"/> floats.</param>
    /// <exception cref="ArgumentException">A length differs from the network's step sizes.</exception>
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "step is the name the public contract gives this parameter; it is a keyword only in Visual Basic.")]
    void PredictStep(ReadOnlySpan<float> step, Span<float> output);

    /// <summary>
    /// Runs the time steps of <paramref name="steps"/> in turn, as that many <see cref="PredictStep"/> calls would, with the same
    /// outputs bit for bit: for a buffer of samples (an audio callback's block), in one call, so that the call's own checks are paid
    /// once per buffer rather than once per step.
    /// </summary>
    /// <param name="steps">Any whole number of steps of <see cref="StepInputSize"/> floats, one after another (none is nothing to do).</param>
    /// <param name="outputs">One output step of <see cref="StepOutputSize"/> floats per input step, in the same order.</param>
    /// <exception cref="ArgumentException"><paramref name="steps"/> is not a whole number of steps, or <paramref name="outputs"/>
    /// does not hold one output step per input step.</exception>
    void PredictSteps(ReadOnlySpan<float> steps, Span<float> outputs);

    /// <summary>Forgets the steps seen so far: the next <see cref="PredictStep"/> is the first of a new sequence.</summary>
    void ResetState();
}
