using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;

namespace NetGen;

/// <summary>
/// What every generated network offers to the runtime's tools (data sets, the fit loop,
/// metrics, cross-validation, search and persistence), independent of its shape.
/// </summary>
/// <remarks>
/// Spans of several rows hold the rows one after the other (row-major). A training call takes
/// between 1 and <see cref="BatchSize"/> rows. After construction, <see cref="Predict"/>,
/// <see cref="PredictBatch"/>, <see cref="TrainStep"/>, <see cref="ComputeGradients"/>,
/// <see cref="AccumulateGradients"/>, <see cref="ApplyGradients"/>, <see cref="Forward"/>,
/// <see cref="Backward"/>, <see cref="Evaluate"/>, <see cref="CopyParametersTo"/> and <see cref="SoftUpdate"/> allocate nothing. A network is not
/// thread-safe: use one instance per thread; a call made while another runs on the same network
/// throws <see cref="InvalidOperationException"/>.
/// </remarks>
public interface INetwork
{
    /// <summary>The number of input features per row.</summary>
    int InputSize { get; }

    /// <summary>The number of outputs per row. For a cross-entropy loss on an output layer without activation these are
    /// logits (see <see cref="NetworkArchitecture.OutputsLogits"/>).</summary>
    int OutputSize { get; }

    /// <summary>The number of targets per row: <see cref="OutputSize"/>, or for
    /// <see cref="Loss.SparseCategoricalCrossEntropy"/> one class index per output position (1 for a flat output).</summary>
    int TargetSize { get; }

    /// <summary>The number of trainable parameters (weights and biases).</summary>
    int ParameterCount { get; }

    /// <summary>The largest number of rows one call takes.</summary>
    int BatchSize { get; }

    /// <summary>The layers, loss and optimizer this network was generated for.</summary>
    NetworkArchitecture Architecture { get; }

    /// <summary>Computes the outputs of one row in inference mode (dropout off): probabilities after a sigmoid or softmax
    /// output layer, logits when a cross-entropy's output layer has no activation.</summary>
    /// <param name="input"><see cref="InputSize"/> floats.</param>
    /// <param name="output"><see cref="OutputSize"/> floats.</param>
    /// <exception cref="ArgumentException">A length differs from the network's sizes.</exception>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Computes the outputs of 1 to <see cref="BatchSize"/> rows in inference mode.</summary>
    /// <param name="inputs"><c>rows * InputSize</c> floats.</param>
    /// <param name="outputs"><c>rows * OutputSize</c> floats.</param>
    /// <exception cref="ArgumentException">A length is not a whole number of rows, the row counts differ, or there are more rows than <see cref="BatchSize"/>.</exception>
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>One training step on 1 to <see cref="BatchSize"/> rows: forward, backward and one optimizer update.</summary>
    /// <param name="inputs"><c>rows * InputSize</c> floats.</param>
    /// <param name="targets"><c>rows * TargetSize</c> floats: one-hot rows for categorical cross-entropy, class indices for the sparse one.</param>
    /// <exception cref="ArgumentException">A length is not a whole number of rows or the row counts differ; for the sparse
    /// categorical cross-entropy, a target is not a whole number from 0 to the number of classes - 1 (the message names the row).</exception>
    /// <returns>The mean data loss of the rows before the update, without penalty terms.</returns>
    float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>Forward and backward in training mode without an update; afterwards
    /// <see cref="ExportGradients"/> gives the gradient of the returned mean loss.</summary>
    /// <returns>The loss <see cref="TrainStep"/> would return.</returns>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>The mean data loss of the rows in inference mode (dropout off), with no update.</summary>
    float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>Clears the accumulated gradient (see <see cref="AccumulateGradients"/>).</summary>
    void ZeroGradients();

    /// <summary>
    /// Forward and backward in training mode on 1 to <see cref="BatchSize"/> rows, adding their
    /// gradient to the accumulated one. Chunks are weighted by their rows, so that after any
    /// number of calls the accumulated gradient is that of the mean loss over every row passed.
    /// This is how one update can cover a data set larger than <see cref="BatchSize"/>
    /// (full-batch gradient descent). A call after <see cref="ApplyGradients"/> starts a new sum.
    /// </summary>
    /// <returns>The mean data loss of these rows.</returns>
    float AccumulateGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>
    /// Runs 1 to <see cref="BatchSize"/> rows forward in training mode (dropout active), writes their outputs and
    /// keeps what <see cref="Backward"/> needs, for a loss or gradient the caller computes (reinforcement learning,
    /// custom objectives).
    /// </summary>
    /// <param name="inputs"><c>rows * InputSize</c> floats.</param>
    /// <param name="outputs"><c>rows * OutputSize</c> floats.</param>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>
    /// Computes the parameter gradients of the caller's loss from its gradient with respect to the outputs of the last
    /// <see cref="Forward"/> call (same rows); <see cref="ExportGradients"/> then returns them and <see cref="ApplyGradients"/>
    /// updates the parameters exactly as <see cref="TrainStep"/> would (clipping, penalties, the update rule). The gradient
    /// is used as given: for a mean over rows, pass the gradient of that mean. Forward then Backward with the declared
    /// loss's own gradient gives what <see cref="ComputeGradients"/> gives.
    /// </summary>
    /// <param name="outputGradients"><c>rows * OutputSize</c> floats, finite.</param>
    /// <exception cref="InvalidOperationException">There was no Forward call, or another call has since replaced its activations.</exception>
    void Backward(ReadOnlySpan<float> outputGradients);

    /// <summary>The number of rows in the accumulated gradient.</summary>
    long AccumulatedRows { get; }

    /// <summary>One optimizer update with the accumulated gradient (clipping, penalties, then the
    /// update rule), and <see cref="Step"/> advances by one. The gradient stays readable with
    /// <see cref="ExportGradients"/> until the next accumulation starts.</summary>
    /// <exception cref="InvalidOperationException">No rows were accumulated.</exception>
    void ApplyGradients();

    /// <summary>Writes the parameters in PyTorch's <c>state_dict</c> order of the network's channels-first twin: for each
    /// Dense layer its weight as <c>[units, inputs]</c> row-major, then its bias (see <see cref="LayerInfo.Parameters"/>).</summary>
    /// <param name="destination"><see cref="ParameterCount"/> floats.</param>
    void ExportParameters(Span<float> destination);

    /// <summary>Replaces the parameters, given in the order of <see cref="ExportParameters"/>.
    /// The optimizer state is kept.</summary>
    /// <param name="source"><see cref="ParameterCount"/> floats.</param>
    void ImportParameters(ReadOnlySpan<float> source);

    /// <summary>Writes the gradient of the last computed mean loss, in the order of <see cref="ExportParameters"/>.</summary>
    void ExportGradients(Span<float> destination);

    /// <summary>
    /// Copies this network's parameters into <paramref name="target"/>, another instance of the same generated type (a
    /// target network in Q-learning), with the running statistics of its normalisation layers (<see cref="ExportState"/>),
    /// so that the target predicts as this network does. The target's optimizer state, <see cref="Step"/> and
    /// hyperparameters are kept; both networks must be free (no call running on either).
    /// </summary>
    /// <param name="target">Another instance of this network's generated type.</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is this network, or of another type or architecture.</exception>
    void CopyParametersTo(INetwork target);

    /// <summary>
    /// Polyak averaging towards this network: <c>target = tau * this + (1 - tau) * target</c> for every parameter of
    /// <paramref name="target"/>, another instance of the same generated type (a slowly following target network, as
    /// in DDPG and soft DQN updates: <c>tau</c> of 0.005 each step is usual). <c>tau = 1</c> copies and <c>tau = 0</c>
    /// changes nothing. The running statistics of normalisation layers (<see cref="ExportState"/>) follow with the same
    /// <c>tau</c>. The target's optimizer state, <see cref="Step"/> and hyperparameters are kept.
    /// </summary>
    /// <param name="target">Another instance of this network's generated type.</param>
    /// <param name="tau">The weight of this network's parameters, in [0, 1].</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is this network, or of another type or architecture.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is NaN or outside [0, 1].</exception>
    void SoftUpdate(INetwork target, float tau);

    /// <summary>Writes the state: values that are not trained by the optimizer but change in training calls (each BatchNorm
    /// layer's running mean, then its running variance), <see cref="NetworkArchitecture.StateCount"/> floats in the order of
    /// <see cref="LayerInfo.State"/>. A network without state has none.</summary>
    /// <param name="destination"><see cref="NetworkArchitecture.StateCount"/> floats.</param>
    void ExportState(Span<float> destination) => NetworkGuard.Length(destination.Length, 0, nameof(destination), "StateCount");

    /// <summary>Replaces the state, given in the order of <see cref="ExportState"/>, and the count of batches it took in.</summary>
    /// <param name="source"><see cref="NetworkArchitecture.StateCount"/> floats, finite, variances not negative.</param>
    /// <param name="batchesTracked">The training calls the state took in (PyTorch's <c>num_batches_tracked</c>), not negative.</param>
    /// <exception cref="ArgumentException">A length differs, a value is not finite, a variance is negative or the count is negative.</exception>
    void ImportState(ReadOnlySpan<float> source, long batchesTracked)
    {
        NetworkGuard.Length(source.Length, 0, nameof(source), "StateCount");
        ArgumentOutOfRangeException.ThrowIfNegative(batchesTracked);
    }

    /// <summary>The training calls whose batch statistics the state took in (PyTorch's <c>num_batches_tracked</c>); 0 for a network without state.</summary>
    long BatchesTracked => 0;

    /// <summary>The current hyperparameters. Setting them validates every value first.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range (see <see cref="NetGen.Hyperparameters.Validate"/>).</exception>
    Hyperparameters Hyperparameters { get; set; }

    /// <summary>The learning rate of the next update.</summary>
    float LearningRate { get; set; }

    /// <summary>The number of optimizer updates taken so far.</summary>
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Step is the name the public contract gives this member; it is a keyword only in Visual Basic.")]
    long Step { get; }

    /// <summary>Initialises the parameters as the constructor with <paramref name="seed"/> does and
    /// clears the optimizer state, gradients, step and dropout generator. Hyperparameters are kept.</summary>
    void Reinitialize(int seed);

    /// <summary>Writes a checkpoint: hyperparameters, step, parameters, optimizer state and the
    /// dropout generator, so that training resumed from it continues exactly.</summary>
    void Save(Stream stream);

    /// <summary>Replaces this network's whole state with a checkpoint written by <see cref="Save"/>.
    /// The stream is read and verified completely before anything changes.</summary>
    /// <exception cref="System.IO.InvalidDataException">The stream is not a valid checkpoint of this architecture; the network is unchanged.</exception>
    void Restore(Stream stream);
}

#if NET
/// <summary>A generated network type, with the static members generic tools need to create one.</summary>
/// <typeparam name="TSelf">The generated network type.</typeparam>
public interface INetwork<TSelf> : INetwork
    where TSelf : class, INetwork<TSelf>
{
    /// <summary>Creates a network initialised from <paramref name="seed"/>.</summary>
    static abstract TSelf Create(int seed);

    /// <summary>Reads a network from a checkpoint written by <see cref="INetwork.Save"/>.</summary>
    /// <exception cref="System.IO.InvalidDataException">The stream is not a valid checkpoint of this architecture.</exception>
    static abstract TSelf Load(Stream stream);
}
#else
/// <summary>A generated network type. The generated class still defines <c>public static TSelf Create(int seed)</c> and
/// <c>public static TSelf Load(Stream stream)</c>, but netstandard2.1 has no static abstract interface members, so
/// generic tools take them as delegates (<c>Net.Create</c>, <c>Net.Load</c>) in this build.</summary>
/// <typeparam name="TSelf">The generated network type.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "The same contract as on .NET, whose static members netstandard2.1 cannot declare.")]
public interface INetwork<TSelf> : INetwork
    where TSelf : class, INetwork<TSelf>
{
}
#endif
