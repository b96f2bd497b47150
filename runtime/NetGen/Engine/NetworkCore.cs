using System;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using NetGen.Kernels;
using NetGen.Serialization;
using NetGen.Threading;
using NetGen.Training;

namespace NetGen.Engine;

/// <summary>
/// The lifecycle every generated network shares, over the passes the generator emitted for its
/// shape (<typeparamref name="TPasses"/>): argument checks, the training and evaluation calls,
/// gradient accumulation, a gradient the caller computes, the optimizer update, threads and
/// checkpoints. A generated class holds one and forwards its public members to it.
/// </summary>
/// <typeparam name="TPasses">The generated passes; a struct, so that the JIT specialises this class for it.</typeparam>
/// <remarks>
/// Rules every call keeps:
/// <list type="bullet">
/// <item>Wrong lengths throw <see cref="ArgumentException"/> naming the expected and actual sizes before anything changes.</item>
/// <item>A step whose loss or gradient is NaN or infinite changes no parameter, no optimizer state and not
/// <see cref="Step"/>; it throws <see cref="TrainingDivergedException"/> saying what was not finite.</item>
/// <item>A call made while another call on the same network is running (from another thread) throws
/// <see cref="InvalidOperationException"/> instead of corrupting the network or waiting forever.</item>
/// <item>After construction nothing allocates, except <see cref="Save"/> and <see cref="Restore"/>.</item>
/// </list>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NetworkCore<TPasses> : IPartitionedWork
    where TPasses : struct, INetworkPasses
{
    /// <summary>The bound on a parameter gradient above which a fused step is refused: far beyond any training that converges,
    /// and far enough below float's range that the update of a refused gradient could not have overflowed.</summary>
    public const double GradientBoundLimit = OptimizerCoefficients.GradientNormLimit;

    private readonly float[] _slab;
    private readonly int _origin;
    private readonly NetworkArchitecture _architecture;
    private readonly string _name;
    private readonly int _minimumTrainingRows;
    private Hyperparameters _hyperparameters;
    private DeterministicRandom _dropoutRandom;
    private WorkerTeam? _team;
    private long _step;

    // The gradient block holds sums over _accumulatedRows rows (or, after Backward, the caller's gradient itself);
    // _gradientScale turns it into the gradient of the loss. Applied gradients stay readable until the next one starts.
    private long _accumulatedRows;
    private float _gradientScale;
    private bool _gradientsApplied;
    private bool _gradientFromBackward;

    // The rows of the last Forward whose activations are still in the slab, for Backward; 0 when another call replaced them.
    private int _forwardRows;

    // The training calls whose batch statistics the state took in (PyTorch's num_batches_tracked), and whether the parameters
    // or the state changed since what inference calls read from them was last prepared.
    private long _batchesTracked;
    private bool _inferenceStale = true;

    // One-row inference calls (a one-row Predict or PredictBatch, a PredictStep) since the parameters last changed. At
    // OneRowCallsBeforeCopies the passes copy the parameters into the order those calls read them (HasInferenceCopies), and
    // the calls after read the copies until the parameters change.
    private int _oneRowInferences;

    // 1 while a call runs: a second caller on another thread is refused.
    private int _busy;

    // The job the worker team runs.
    private int _parallelRows;
    private int _parallelPass;
    private int _parallelStage;
    private GradientMode _parallelMode;
    private OptimizerCoefficients _parallelCoefficients;

    /// <summary>Allocates every buffer of the network and initialises its parameters from <paramref name="seed"/>.</summary>
    /// <param name="architecture">The network's architecture.</param>
    /// <param name="hyperparameters">The declared hyperparameters.</param>
    /// <param name="seed">The seed of the initialisation and of the dropout masks.</param>
    /// <param name="name">The network's type name, for messages.</param>
    public NetworkCore(NetworkArchitecture architecture, Hyperparameters hyperparameters, int seed, string name)
    {
        _architecture = architecture ?? throw new ArgumentNullException(nameof(architecture));
        _name = name ?? throw new ArgumentNullException(nameof(name));
        _slab = NetworkMemory.AllocateAligned(Passes.SlabLength, out _origin);
        _hyperparameters = hyperparameters;
        _minimumTrainingRows = architecture.MinimumTrainingRows;
        Reinitialize(seed);
    }

    private static TPasses Passes => default;

    /// <summary>The network's architecture.</summary>
    public NetworkArchitecture Architecture => _architecture;

    /// <summary>The number of optimizer updates taken so far.</summary>
    public long Step => _step;

    /// <inheritdoc cref="INetwork.AccumulatedRows"/>
    public long AccumulatedRows => _gradientsApplied ? 0 : _accumulatedRows;

    /// <inheritdoc cref="INetwork.Hyperparameters"/>
    public Hyperparameters Hyperparameters
    {
        get => _hyperparameters;
        set
        {
            value.Validate();
            _hyperparameters = value;
        }
    }

    /// <summary>The threads a training call may use: 1, the default, runs on the calling thread only. With more,
    /// batches of at least 32 rows are split between threads by rows for the forward and backward data passes and
    /// by rows of each weight gradient for the weight gradients, so that no thread adds to another's sums: the
    /// results are bit-for-bit those of one thread. Setting it back to 1 stops the worker threads.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above 64.</exception>
    public int Threads
    {
        get => _team?.Threads ?? 1;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 64);
            if (value == Threads)
            {
                return;
            }

            Enter();
            try
            {
                _team?.Dispose();
                _team = value == 1 ? null : new WorkerTeam(value);
            }
            finally
            {
                Exit();
            }
        }
    }

    /// <inheritdoc cref="INetwork.Predict"/>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        NetworkGuard.Length(input.Length, Passes.InputSize, nameof(input), "InputSize");
        NetworkGuard.Length(output.Length, Passes.OutputSize, nameof(output), "OutputSize");
        Enter();
        try
        {
            ref float s = ref Origin();
            _forwardRows = 0;
            PrepareInference(ref s, rows: 1);
            Passes.Forward(ref s, ref MemoryMarshal.GetReference(input), 0, 1, training: false);
            Passes.ReadOutputs(ref s, output, 1);
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="INetwork.PredictBatch"/>
    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int rows = NetworkGuard.Rows(inputs.Length, Passes.InputSize, Passes.BatchSize, nameof(inputs));
        NetworkGuard.RowLength(outputs.Length, rows, Passes.OutputSize, nameof(outputs), "OutputSize");
        Enter();
        try
        {
            ref float s = ref Origin();
            _forwardRows = 0;
            PrepareInference(ref s, rows);
            Passes.Forward(ref s, ref MemoryMarshal.GetReference(inputs), 0, rows, training: false);
            Passes.ReadOutputs(ref s, outputs, rows);
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="IStreamingNetwork.PredictStep"/>
    /// <typeparam name="TStream">The generated passes, which stream (the same struct as <typeparamref name="TPasses"/>).</typeparam>
    public void PredictStep<TStream>(ReadOnlySpan<float> step, Span<float> output)
        where TStream : struct, IStreamingPasses
    {
        NetworkGuard.Length(step.Length, default(TStream).StepInputSize, nameof(step), "StepInputSize");
        NetworkGuard.Length(output.Length, default(TStream).StepOutputSize, nameof(output), "StepOutputSize");
        Enter();
        try
        {
            ref float s = ref Origin();
            _forwardRows = 0;
            PrepareInference(ref s, rows: 1);
            default(TStream).StepForward(ref s, ref MemoryMarshal.GetReference(step));
            default(TStream).ReadStepOutput(ref s, output);
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="IStreamingNetwork.PredictSteps"/>
    /// <typeparam name="TStream">The generated passes, which stream (the same struct as <typeparamref name="TPasses"/>).</typeparam>
    public void PredictSteps<TStream>(ReadOnlySpan<float> steps, Span<float> outputs)
        where TStream : struct, IStreamingPasses
    {
        int inputSize = default(TStream).StepInputSize;
        int outputSize = default(TStream).StepOutputSize;
        int count = NetworkGuard.Steps(steps.Length, inputSize, nameof(steps));
        NetworkGuard.RowLength(outputs.Length, count, outputSize, nameof(outputs), "StepOutputSize");
        Enter();
        try
        {
            ref float s = ref Origin();
            ref float step = ref MemoryMarshal.GetReference(steps);
            _forwardRows = 0;
            for (int t = 0; t < count; t++)
            {
                // Each step counts as a one-row inference call, as a PredictStep does, so the copies come at the same step.
                PrepareInference(ref s, rows: 1);
                default(TStream).StepForward(ref s, ref Unsafe.Add(ref step, t * inputSize));
                default(TStream).ReadStepOutput(ref s, outputs.Slice(t * outputSize, outputSize));
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="IStreamingNetwork.ResetState"/>
    /// <typeparam name="TStream">The generated passes, which stream (the same struct as <typeparamref name="TPasses"/>).</typeparam>
    public void ResetState<TStream>()
        where TStream : struct, IStreamingPasses
    {
        Enter();
        try
        {
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Origin(), default(TStream).StreamState), default(TStream).StreamStateLength).Clear();
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="INetwork.TrainStep"/>
    /// <exception cref="TrainingDivergedException">The loss or the gradient of the rows is NaN or infinite; nothing changed.</exception>
    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int rows = CheckTrainingBatch(inputs, targets);
        Enter();

        // A refused step leaves the dropout generator as it was too, so that the next step draws what it would have.
        DeterministicRandom random = _dropoutRandom;
        try
        {
            if (_hyperparameters.ClipNorm > 0f)
            {
                // Clipping needs the norm of the whole gradient before any update.
                float clippedLoss = Accumulate(inputs, targets, rows, GradientMode.Overwrite, refuseDivergence: true);
                ApplyAccumulated();
                CommitStatistics(rows);
                return clippedLoss;
            }

            // The fused step: each layer's gradient is stored and its parameters updated as soon as it is summed.
            var coefficients = Coefficients(_step + 1, (float)(1.0 / rows));
            float loss = TrainingPasses(inputs, targets, rows, GradientMode.Update, coefficients, refuseDivergence: true);
            _step++;
            _accumulatedRows = rows;
            _gradientScale = (float)(1.0 / rows);
            _gradientsApplied = true;
            _gradientFromBackward = false;
            CommitStatistics(rows);
            return loss;
        }
        catch (TrainingDivergedException)
        {
            _dropoutRandom = random;
            throw;
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="INetwork.ComputeGradients"/>
    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int rows = CheckTrainingBatch(inputs, targets);
        Enter();
        try
        {
            float loss = Accumulate(inputs, targets, rows, GradientMode.Overwrite, refuseDivergence: false);
            CommitStatistics(rows);
            return loss;
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="INetwork.Evaluate"/>
    public float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int rows = CheckBatch(inputs, targets);
        Enter();
        try
        {
            ref float s = ref Origin();
            _forwardRows = 0;
            PrepareInference(ref s, rows);
            Passes.Forward(ref s, ref MemoryMarshal.GetReference(inputs), 0, rows, training: false);
            return Passes.LossAndGradient(ref s, ref MemoryMarshal.GetReference(targets), rows);
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="INetwork.ZeroGradients"/>
    public void ZeroGradients()
    {
        Enter();
        try
        {
            ClearGradients();
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="INetwork.AccumulateGradients"/>
    public float AccumulateGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int rows = CheckTrainingBatch(inputs, targets);
        Enter();
        try
        {
            bool fresh = _gradientsApplied || _accumulatedRows == 0 || _gradientFromBackward;
            float loss = Accumulate(inputs, targets, rows, fresh ? GradientMode.Overwrite : GradientMode.Accumulate, refuseDivergence: false);
            CommitStatistics(rows);
            return loss;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Runs 1 to BatchSize rows forward in training mode (dropout active), writes their outputs and keeps
    /// what <see cref="Backward"/> needs; for a loss or gradient the caller computes (reinforcement learning,
    /// custom objectives).
    /// </summary>
    /// <param name="inputs"><c>rows * InputSize</c> floats.</param>
    /// <param name="outputs"><c>rows * OutputSize</c> floats.</param>
    /// <exception cref="ArgumentException">A length is not a whole number of rows, the row counts differ, or there are more rows than BatchSize.</exception>
    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int rows = NetworkGuard.Rows(inputs.Length, Passes.InputSize, Passes.BatchSize, nameof(inputs));
        NetworkGuard.RowLength(outputs.Length, rows, Passes.OutputSize, nameof(outputs), "OutputSize");
        CheckTrainingRows(rows, nameof(inputs));
        Enter();
        try
        {
            ref float s = ref Origin();

            // Backward reads the input rows after this call returns: they are kept in the slab.
            inputs.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref s, Passes.InputCopy), rows * Passes.InputSize));
            Passes.SampleMasks(ref s, rows, ref _dropoutRandom);
            TrainingForward(ref Unsafe.Add(ref s, Passes.InputCopy), rows, Parts(rows));
            Passes.ReadOutputs(ref s, outputs, rows);
            _forwardRows = rows;
            CommitStatistics(rows);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Computes the parameter gradients of the caller's loss from its gradient with respect to the outputs
    /// of the last <see cref="Forward"/> call (same rows); <see cref="ExportGradients"/> then returns them and
    /// <see cref="ApplyGradients"/> updates the parameters exactly as <see cref="TrainStep"/> would. The gradient
    /// is used as given: pass the gradient of a mean over rows to train on a mean. Forward then Backward with the
    /// declared loss's own gradient gives what <see cref="ComputeGradients"/> gives.
    /// </summary>
    /// <param name="outputGradients"><c>rows * OutputSize</c> floats: the gradient of the loss with respect to each output.</param>
    /// <exception cref="InvalidOperationException">There was no Forward call, or another call has since replaced its activations.</exception>
    /// <exception cref="ArgumentException">The length is not the rows of the last Forward call times OutputSize, or a value is NaN or infinite.</exception>
    public void Backward(ReadOnlySpan<float> outputGradients)
    {
        int rows = _forwardRows;
        if (rows == 0)
        {
            throw new InvalidOperationException(
                $"{_name}.Backward needs the activations of a Forward call; there was none, or a call other than Backward (Predict, Evaluate, TrainStep...) has replaced them since. Call Forward first.");
        }

        NetworkGuard.RowLength(outputGradients.Length, rows, Passes.OutputSize, nameof(outputGradients), "OutputSize");
        NetworkGuard.Finite(outputGradients, nameof(outputGradients));
        Enter();
        try
        {
            ref float s = ref Origin();
            Passes.WriteOutputGradient(ref s, outputGradients, rows);
            TrainingBackwardData(rows, Parts(rows), throughOutputActivation: true);
            RunPass(2, rows, GradientMode.Overwrite, default);
            _accumulatedRows = rows;
            _gradientScale = 1f;
            _gradientsApplied = false;
            _gradientFromBackward = true;
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="INetwork.ApplyGradients"/>
    /// <exception cref="TrainingDivergedException">The gradient holds NaN or infinity; nothing changed.</exception>
    public void ApplyGradients()
    {
        Enter();
        try
        {
            ApplyAccumulated();
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="INetwork.ExportParameters"/>
    public void ExportParameters(Span<float> destination)
    {
        NetworkGuard.Length(destination.Length, Passes.ParameterCount, nameof(destination), "ParameterCount");
        Passes.BlockToCanonical(ref Origin(), destination, 1f);
    }

    /// <inheritdoc cref="INetwork.ImportParameters"/>
    public void ImportParameters(ReadOnlySpan<float> source)
    {
        NetworkGuard.Length(source.Length, Passes.ParameterCount, nameof(source), "ParameterCount");
        NetworkGuard.Finite(source, nameof(source));
        Enter();
        try
        {
            Passes.CanonicalToBlock(source, ref Origin());
            _inferenceStale = true;
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="INetwork.ExportGradients"/>
    public void ExportGradients(Span<float> destination)
    {
        NetworkGuard.Length(destination.Length, Passes.ParameterCount, nameof(destination), "ParameterCount");
        float scale = _accumulatedRows == 0 ? 0f : _gradientScale;
        Passes.BlockToCanonical(ref Unsafe.Add(ref Origin(), Passes.BlockLength), destination, scale);
    }

    /// <summary>
    /// Copies this network's parameters into <paramref name="target"/> (a target network in Q-learning); the target's
    /// optimizer state, <see cref="Step"/> and hyperparameters are kept. Slab to slab: allocates nothing.
    /// </summary>
    /// <param name="target">The core of another instance of the same generated type.</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is this network.</exception>
    public void CopyParametersTo(NetworkCore<TPasses>? target) => SoftUpdate(target, 1f, nameof(CopyParametersTo));

    /// <summary>
    /// Polyak averaging: <c>target = tau * this + (1 - tau) * target</c> for every parameter (a slowly following
    /// target network; <c>tau = 1</c> copies, <c>tau = 0</c> changes nothing). The target's optimizer state,
    /// <see cref="Step"/> and hyperparameters are kept. Slab to slab: allocates nothing.
    /// </summary>
    /// <param name="target">The core of another instance of the same generated type.</param>
    /// <param name="tau">The weight of this network's parameters, in [0, 1].</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is this network.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is NaN or outside [0, 1].</exception>
    public void SoftUpdate(NetworkCore<TPasses>? target, float tau) => SoftUpdate(target, tau, nameof(SoftUpdate));

    /// <inheritdoc cref="INetwork.BatchesTracked"/>
    public long BatchesTracked => _batchesTracked;

    /// <inheritdoc cref="INetwork.ExportState"/>
    public void ExportState(Span<float> destination)
    {
        NetworkGuard.Length(destination.Length, Passes.StateCount, nameof(destination), "StateCount");
        if (Passes.StateCount > 0)
        {
            Passes.StateToCanonical(ref Origin(), destination);
        }
    }

    /// <inheritdoc cref="INetwork.ImportState"/>
    public void ImportState(ReadOnlySpan<float> source, long batchesTracked)
    {
        NetworkGuard.Length(source.Length, Passes.StateCount, nameof(source), "StateCount");
        ArgumentOutOfRangeException.ThrowIfNegative(batchesTracked);
        if (StateProblem(source) is { } problem)
        {
            throw new ArgumentException($"{_name}: {problem}", nameof(source));
        }

        Enter();
        try
        {
            SetState(source, batchesTracked);
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="INetwork.Reinitialize"/>
    public void Reinitialize(int seed)
    {
        Enter();
        try
        {
            Array.Clear(_slab);
            Passes.InitializeParameters(ref Origin(), seed);
            _dropoutRandom = new DeterministicRandom(seed, stream: 1);
            _step = 0;
            _accumulatedRows = 0;
            _gradientScale = 0f;
            _gradientsApplied = false;
            _gradientFromBackward = false;
            _forwardRows = 0;
            _batchesTracked = 0;
            _inferenceStale = true;
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc cref="INetwork.Save"/>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        int count = Passes.ParameterCount;
        float[] parameters = new float[count];
        float[] state = new float[count * Passes.StateTensors];
        float[] statistics = new float[Passes.StateCount];
        Span<uint> random = stackalloc uint[DeterministicRandom.StateWords];
        Hyperparameters hyperparameters;
        long step;
        long batchesTracked;
        Enter();
        try
        {
            ref float s = ref Origin();
            Passes.BlockToCanonical(ref s, parameters, 1f);
            for (int tensor = 0; tensor < Passes.StateTensors; tensor++)
            {
                Passes.BlockToCanonical(ref StateBlock(ref s, tensor), state.AsSpan(tensor * count, count), 1f);
            }

            if (Passes.StateCount > 0)
            {
                Passes.StateToCanonical(ref s, statistics);
            }

            _dropoutRandom.ExportState(random);
            hyperparameters = _hyperparameters;
            step = _step;
            batchesTracked = _batchesTracked;
        }
        finally
        {
            Exit();
        }

        Checkpoint.Write(stream, _architecture, hyperparameters, step, random, parameters, state, statistics, batchesTracked);
    }

    /// <inheritdoc cref="INetwork.Restore"/>
    public void Restore(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckpointData data = Checkpoint.Read(stream, _architecture);
        if (StateProblem(data.State) is { } problem)
        {
            throw new InvalidDataException($"The checkpoint's {problem}");
        }

        Enter();
        try
        {
            ref float s = ref Origin();
            int count = Passes.ParameterCount;
            Passes.CanonicalToBlock(data.Parameters, ref s);
            for (int tensor = 0; tensor < Passes.StateTensors; tensor++)
            {
                Passes.CanonicalToBlock(data.OptimizerState.AsSpan(tensor * count, count), ref StateBlock(ref s, tensor));
            }

            _hyperparameters = data.Hyperparameters;
            _step = data.Step;
            _dropoutRandom = DeterministicRandom.FromState(data.RandomState);
            SetState(data.State, data.BatchesTracked);
            ClearGradients();
            _forwardRows = 0;
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc/>
    void IPartitionedWork.RunPart(int part, int parts)
    {
        ref float s = ref Origin();
        ref float x = ref Unsafe.Add(ref s, Passes.InputCopy);
        int rows = _parallelRows;
        int count = WorkerTeam.RowRange(rows, part, parts, out int first);
        switch (_parallelPass)
        {
            case 0 when Passes.TrainingStages == 1:
                Passes.Forward(ref s, ref Unsafe.Add(ref x, first * Passes.InputSize), first, count, training: true);
                break;
            case 0:
                Passes.ForwardStage(ref s, ref Unsafe.Add(ref x, first * Passes.InputSize), first, count, _parallelStage);
                break;
            case 1 or 3 when Passes.TrainingStages == 1:
                Passes.BackwardData(ref s, first, count, throughOutputActivation: _parallelPass == 1);
                break;
            case 1 or 3:
                Passes.BackwardDataStage(ref s, first, count, throughOutputActivation: _parallelPass == 1, _parallelStage);
                break;
            default:
                Passes.BackwardWeights(ref s, ref x, rows, part, parts, _parallelMode, in _parallelCoefficients);
                break;
        }
    }

    // Both networks are entered, so that neither can be running another call; the target's activations no longer
    // match its parameters, so a Backward on it needs a new Forward.
    private void SoftUpdate(NetworkCore<TPasses>? target, float tau, string member)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (ReferenceEquals(target, this))
        {
            throw new ArgumentException($"{_name}.{member}: the target is this network itself; pass another instance (the target network).", nameof(target));
        }

        if (!(tau >= 0f && tau <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, $"{_name}.{member}: tau must be in [0, 1] (1 copies the parameters, 0 changes nothing).");
        }

        Enter();
        try
        {
            target.Enter();
            try
            {
                var source = MemoryMarshal.CreateReadOnlySpan(ref Origin(), Passes.BlockLength);
                var destination = MemoryMarshal.CreateSpan(ref target.Origin(), Passes.BlockLength);
                BlockKernels.Interpolate(source, destination, tau);
                if (Passes.StateCount > 0)
                {
                    // The running statistics follow the parameters, so that a copied network predicts as this one does.
                    int start = (2 + Passes.StateTensors) * Passes.BlockLength;
                    BlockKernels.Interpolate(
                        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref Origin(), start), Passes.StateLength),
                        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref target.Origin(), start), Passes.StateLength),
                        tau);
                    target._batchesTracked = tau == 1f ? _batchesTracked : target._batchesTracked;
                }

                target._forwardRows = 0;
                target._inferenceStale = true;
            }
            finally
            {
                target.Exit();
            }
        }
        finally
        {
            Exit();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref float Origin() => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slab), _origin);

    private static ref float StateBlock(ref float s, int tensor) => ref Unsafe.Add(ref s, (2 + tensor) * Passes.BlockLength);

    private OptimizerCoefficients Coefficients(long step, float gradientScale)
        => OptimizerCoefficients.Create(_architecture.Optimizer, _hyperparameters, step, gradientScale, Passes.BlockLength);

    private static int CheckBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int rows = NetworkGuard.Rows(inputs.Length, Passes.InputSize, Passes.BatchSize, nameof(inputs));
        if (Passes.SparseClasses > 0)
        {
            NetworkGuard.RowLength(targets.Length, rows, Passes.TargetSize, nameof(targets), "TargetSize");
            NetworkGuard.ClassIndices(targets, Passes.TargetSize, Passes.SparseClasses, nameof(targets));
        }
        else
        {
            NetworkGuard.RowLength(targets.Length, rows, Passes.OutputSize, nameof(targets), "OutputSize");
        }

        return rows;
    }

    /// <summary>The rows of a training call, checked as <see cref="CheckBatch"/> does and against the fewest rows batch statistics need.</summary>
    private int CheckTrainingBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int rows = CheckBatch(inputs, targets);
        CheckTrainingRows(rows, nameof(inputs));
        return rows;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckTrainingRows(int rows, string parameterName)
    {
        if (rows < _minimumTrainingRows)
        {
            ThrowTooFewTrainingRows(rows, parameterName);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowTooFewTrainingRows(int rows, string parameterName)
    {
        int index = 0;
        while (_architecture.Layers[index].MinimumTrainingRows <= rows)
        {
            index++;
        }

        LayerInfo layer = _architecture.Layers[index];
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"{_name}: layer {index}, {layer} on {layer.InputShape}, normalises each channel with the mean and variance of a training call's rows; {rows} row gives it one value per channel, whose variance is 0, so it would divide by zero. Train with at least {layer.MinimumTrainingRows} rows per call (BatchSize is {Passes.BatchSize}), or use LayerNorm, which normalises each row on its own."),
            parameterName);
    }

    /// <summary>The forward pass of a training call on this thread or split between the team's, stage by stage with the
    /// statistics between stages computed here, over every row.</summary>
    private void TrainingForward(ref float x, int rows, int parts)
    {
        ref float s = ref Origin();
        for (int stage = 0; stage < Passes.TrainingStages; stage++)
        {
            if (stage > 0)
            {
                Passes.Statistics(ref s, ref x, 0, rows, stage - 1);
            }

            if (parts > 1)
            {
                _parallelStage = stage;
                RunPass(0, rows, default, default);
            }
            else if (Passes.TrainingStages == 1)
            {
                Passes.Forward(ref s, ref x, 0, rows, training: true);
            }
            else
            {
                Passes.ForwardStage(ref s, ref x, 0, rows, stage);
            }
        }
    }

    /// <summary>The backward data pass of a training call: what it reads prepared once (<see cref="INetworkPasses.PrepareBackward"/>), then
    /// stage by stage from the last, with the reductions between stages computed here.</summary>
    private void TrainingBackwardData(int rows, int parts, bool throughOutputActivation)
    {
        ref float s = ref Origin();
        Passes.PrepareBackward(ref s);
        for (int stage = Passes.TrainingStages - 1; stage >= 0; stage--)
        {
            if (parts > 1)
            {
                _parallelStage = stage;
                RunPass(throughOutputActivation ? 1 : 3, rows, default, default);
            }
            else if (Passes.TrainingStages == 1)
            {
                Passes.BackwardData(ref s, 0, rows, throughOutputActivation);
            }
            else
            {
                Passes.BackwardDataStage(ref s, 0, rows, throughOutputActivation, stage);
            }

            if (stage > 0)
            {
                Passes.BackwardStatistics(ref s, 0, rows, throughOutputActivation, stage - 1);
            }
        }
    }

    private int Parts(int rows) => _team is null ? 1 : WorkerTeam.Parts(rows, _team.Threads);

    /// <summary>After a training call that succeeded: the state takes in its batch statistics, and what inference calls read
    /// must be prepared again.</summary>
    private void CommitStatistics(int rows)
    {
        if (Passes.StateCount > 0)
        {
            Passes.CommitStatistics(ref Origin(), rows);
            _batchesTracked++;
        }

        _inferenceStale = true;
    }

    /// <summary>
    /// Before an inference call of <paramref name="rows"/> rows (0 for a streamed step): what it reads from the parameters and the
    /// state (a normalisation's scale, weights with it folded in), computed again if either changed since; and the copies of the
    /// parameters one-row calls read, made at the <see cref="OneRowCallsBeforeCopies"/>th one-row call since the parameters changed.
    /// </summary>
    /// <remarks>
    /// Making the copies costs about what that many one-row calls gain from them, so a loop that trains and predicts in turn
    /// never pays for copies it would not use, and one that predicts for long pays at most twice the best choice's cost.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrepareInference(ref float s, int rows)
    {
        if (_inferenceStale)
        {
            if (Passes.StateCount > 0)
            {
                Passes.PrepareInference(ref s);
            }

            if (Passes.HasInferenceCopies)
            {
                Passes.DiscardInferenceCopies(ref s);
                _oneRowInferences = 0;
            }

            _inferenceStale = false;
        }

        if (Passes.HasInferenceCopies && rows == 1 && _oneRowInferences < OneRowCallsBeforeCopies && ++_oneRowInferences == OneRowCallsBeforeCopies)
        {
            Passes.MakeInferenceCopies(ref s);
        }
    }

    /// <summary>The one-row inference calls after a change to the parameters at which the copies they read are made.</summary>
    internal const int OneRowCallsBeforeCopies = 16;

    /// <summary>Why <paramref name="state"/> cannot be the state (a value that is not finite, a negative variance), or null.</summary>
    private string? StateProblem(ReadOnlySpan<float> state)
    {
        int bad = NetworkGuard.IndexOfNonFinite(state);
        if (bad >= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"state value {bad} is {state[bad]}; the state must be finite.");
        }

        foreach (LayerInfo layer in _architecture.Layers)
        {
            foreach (StateInfo tensor in layer.State)
            {
                if (tensor.Name != "running_var")
                {
                    continue;
                }

                for (int i = 0; i < tensor.Count; i++)
                {
                    if (state[tensor.Offset + i] < 0f)
                    {
                        return string.Create(CultureInfo.InvariantCulture, $"running variance of {layer} holds {state[tensor.Offset + i]} at channel {i}; a variance cannot be negative.");
                    }
                }
            }
        }

        return null;
    }

    private void SetState(ReadOnlySpan<float> state, long batchesTracked)
    {
        if (Passes.StateCount > 0)
        {
            Passes.CanonicalToState(state, ref Origin());
        }

        _batchesTracked = batchesTracked;
        _inferenceStale = true;
    }

    private void ClearGradients()
    {
        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Origin(), Passes.BlockLength), Passes.BlockLength).Clear();
        _accumulatedRows = 0;
        _gradientScale = 0f;
        _gradientsApplied = false;
        _gradientFromBackward = false;
    }

    // Forward and backward in training mode; the rows' gradient sums are added to the gradient block, or stored
    // over it when 'mode' is Overwrite (a new sum, so that the block needs no clearing first).
    private float Accumulate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int rows, GradientMode mode, bool refuseDivergence)
    {
        float loss = TrainingPasses(inputs, targets, rows, mode, default, refuseDivergence);
        _accumulatedRows = mode == GradientMode.Accumulate ? _accumulatedRows + rows : rows;
        _gradientScale = (float)(1.0 / _accumulatedRows);
        _gradientsApplied = false;
        _gradientFromBackward = false;
        return loss;
    }

    /// <summary>One update with the gradient block: its norm first (a gradient that is not finite is refused, and
    /// clipping rescales it), then penalties and the update rule.</summary>
    private void ApplyAccumulated()
    {
        if (_gradientsApplied || _accumulatedRows == 0)
        {
            throw new InvalidOperationException($"{_name} has no gradient to apply: call AccumulateGradients, ComputeGradients or Forward and Backward first.");
        }

        ref float s = ref Origin();
        if (!OptimizerCoefficients.TryClippedScale(ref Unsafe.Add(ref s, Passes.BlockLength), Passes.BlockLength, _gradientScale, _hyperparameters.ClipNorm, out double norm, out float scale))
        {
            throw new TrainingDivergedException(
                string.Create(CultureInfo.InvariantCulture, $"{_name}: the gradient of step {_step + 1} has norm {norm}; the step was not applied and nothing changed. Lower the learning rate, clip gradients (ClipNorm) or check the inputs and targets for NaN or infinity."),
                _step + 1,
                float.NaN);
        }

        _step++;
        var coefficients = Coefficients(_step, scale);
        OptimizerKernels.Step(ref s, Passes.WeightsLength, weights: true, in coefficients);
        OptimizerKernels.Step(ref Unsafe.Add(ref s, Passes.WeightsLength), Passes.BlockLength - Passes.WeightsLength, weights: false, in coefficients);
        _gradientsApplied = true;
        _inferenceStale = true;
    }

    // Forward, loss and backward of a training call, on one thread or split between the team's. A fused step
    // ('mode' Update) is refused before anything is updated when the loss or the bound on the gradient is not finite.
    private float TrainingPasses(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int rows, GradientMode mode, in OptimizerCoefficients c, bool refuseDivergence)
    {
        ref float s = ref Origin();
        ref float t = ref MemoryMarshal.GetReference(targets);
        Passes.SampleMasks(ref s, rows, ref _dropoutRandom);
        _forwardRows = 0;
        int parts = Parts(rows);
        ref float x = ref MemoryMarshal.GetReference(inputs);
        if (parts > 1)
        {
            // The workers cannot see the caller's span: they read a copy of the rows in the slab.
            inputs.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref s, Passes.InputCopy), rows * Passes.InputSize));
            x = ref Unsafe.Add(ref s, Passes.InputCopy);
        }

        TrainingForward(ref x, rows, parts);

        float loss = Passes.LossAndGradient(ref s, ref t, rows);
        if (refuseDivergence && !float.IsFinite(loss))
        {
            throw Diverged(inputs, targets, string.Create(CultureInfo.InvariantCulture, $"the loss of step {_step + 1} is {loss}"), loss);
        }

        TrainingBackwardData(rows, parts, throughOutputActivation: !Passes.LossIsFused);

        if (mode == GradientMode.Update)
        {
            double bound = Passes.GradientBound(ref s, ref x, rows);
            if (!(bound <= GradientBoundLimit))
            {
                throw Diverged(inputs, targets, string.Create(CultureInfo.InvariantCulture, $"the gradient of step {_step + 1} is not finite (the rows it sums reach {bound})"), loss);
            }
        }

        if (parts > 1)
        {
            RunPass(2, rows, mode, c);
        }
        else
        {
            Passes.BackwardWeights(ref s, ref x, rows, 0, 1, mode, in c);
        }

        return loss;
    }

    /// <summary>Runs one pass over <paramref name="rows"/> rows on the team, or on this thread when the batch is too small to split.
    /// Pass 0 is the forward pass from the input copy, 1 the backward data pass through the output activation, 3 the same
    /// after a fused loss, and 2 the weight pass; the first three run stage <c>_parallelStage</c> of a network with stages.</summary>
    private void RunPass(int pass, int rows, GradientMode mode, in OptimizerCoefficients c)
    {
        int parts = Parts(rows);
        _parallelRows = rows;
        _parallelPass = pass;
        _parallelMode = mode;
        _parallelCoefficients = c;
        if (parts == 1)
        {
            ((IPartitionedWork)this).RunPart(0, 1);
        }
        else
        {
            _team!.Run(this, parts);
        }
    }

    /// <summary>The exception of a refused step: what was not finite, and the first input or target that is not, if any.</summary>
    private TrainingDivergedException Diverged(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, string what, float loss)
    {
        int badInput = NetworkGuard.IndexOfNonFinite(inputs);
        int badTarget = NetworkGuard.IndexOfNonFinite(targets);
        string cause = badInput >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"inputs[{badInput}] is {inputs[badInput]} (row {badInput / Passes.InputSize})")
            : badTarget >= 0
                ? string.Create(CultureInfo.InvariantCulture, $"targets[{badTarget}] is {targets[badTarget]} (row {badTarget / Passes.TargetSize})")
                : "the inputs and targets are finite, so the network has diverged: lower the learning rate, clip gradients (ClipNorm) or scale the inputs";
        return new TrainingDivergedException($"{_name}: {what}; the step was not applied and nothing changed ({cause}).", _step + 1, loss);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            ThrowConcurrentCall();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Exit() => Volatile.Write(ref _busy, 0);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowConcurrentCall()
        => throw new InvalidOperationException(
            $"{_name} is already running a call on another thread. A network is not thread-safe: use one instance per thread, or serialise the calls.");
}
