using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Kernels;
using NetGen.Training;

namespace NetGen;

/// <summary>
/// One of NetGen's update rules applied to parameters the caller owns: minimise any function whose gradient
/// you can compute (<c>f(x) = x²</c>, a model written by hand, a policy in reinforcement learning) with
/// SGD, momentum, Nesterov, AdaGrad, RMSProp, Adam or AdamW, as PyTorch's <c>torch.optim</c> does for a
/// list of tensors. It runs the very kernels a generated network's update runs, with the same rules in the
/// same order: clipping, penalties, then the update rule, with Adam's bias correction counted in steps.
/// </summary>
/// <remarks>
/// <para>
/// The optimizer owns its state (a momentum buffer, sums or averages of squares, Adam's moments), allocated
/// once by the constructor for <see cref="ParameterCount"/> parameters; <see cref="Step"/> allocates nothing.
/// Pass the same parameters, in the same order, to every <see cref="Step"/>: element i of the state belongs
/// to element i of the parameters.
/// </para>
/// <para>
/// Every parameter counts as a weight: <see cref="Hyperparameters.L1"/>, <see cref="Hyperparameters.L2"/>
/// and AdamW's <see cref="Hyperparameters.WeightDecay"/> apply to all of them (all three are 0 by default).
/// For parameters that should not be penalised (biases, as a generated network treats them), use a second
/// optimizer with those values at 0, as PyTorch users do with parameter groups; clipping then applies to
/// each group's gradient separately.
/// </para>
/// <para>An optimizer is not thread-safe: one caller at a time.</para>
/// </remarks>
/// <example>
/// <code>
/// // Minimise f(x) = x² from x = 3 with Adam at learning rate 0.1.
/// float[] x = [3f];
/// float[] gradient = new float[1];
/// var adam = new ParameterOptimizer(Optimizer.Adam, 1, Hyperparameters.Defaults(Optimizer.Adam) with { LearningRate = 0.1f });
/// for (int t = 0; t &lt; 100; t++)
/// {
///     gradient[0] = 2 * x[0];
///     adam.Step(x, gradient);
/// }
/// </code>
/// </example>
public sealed class ParameterOptimizer
{
    private readonly float[] _state;
    private readonly int _origin;
    private readonly int _stateTensors;
    private Hyperparameters _hyperparameters;
    private long _step;

    /// <summary>Creates the optimizer and its state for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="parameterCount">The number of parameters every <see cref="Step"/> updates, at least 1.</param>
    /// <param name="hyperparameters">The hyperparameters, or null for <see cref="Hyperparameters.Defaults"/> of
    /// <paramref name="optimizer"/> (learning rate 0.001 for Adam and AdamW, 0.01 otherwise, as in PyTorch and in
    /// a <c>[Network]</c> that declares none).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="optimizer"/> is not an <see cref="NetGen.Optimizer"/>,
    /// <paramref name="parameterCount"/> is below 1, or a hyperparameter is out of its range (see <see cref="Hyperparameters.Validate"/>).</exception>
    public ParameterOptimizer(Optimizer optimizer, int parameterCount, Hyperparameters? hyperparameters = null)
    {
        if (!Enum.IsDefined(optimizer))
        {
            throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, $"{(int)optimizer} is not an Optimizer ({string.Join(", ", Enum.GetNames<Optimizer>())}).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(parameterCount, 1);
        Hyperparameters values = hyperparameters ?? Hyperparameters.Defaults(optimizer);
        values.Validate();
        Optimizer = optimizer;
        ParameterCount = parameterCount;
        _hyperparameters = values;
        _stateTensors = NetworkArchitecture.OptimizerStateCount(optimizer);
        _state = _stateTensors == 0
            ? []
            : NetworkMemory.AllocateAligned(ArraySize.Product(_stateTensors, parameterCount, "The optimizer state of {0} tensors of {1} parameters", nameof(parameterCount)), out _origin);
    }

    /// <summary>The update rule.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The number of parameters every <see cref="Step"/> updates.</summary>
    public int ParameterCount { get; }

    /// <summary>The number of updates taken since construction or <see cref="Reset"/>; Adam's bias correction of
    /// the next update uses <c>StepCount + 1</c>.</summary>
    public long StepCount => _step;

    /// <summary>The hyperparameters of the next update. Setting them validates every value first
    /// (<see cref="Hyperparameters.Validate"/>); the state and <see cref="StepCount"/> are kept, so that a schedule can
    /// change them between steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range; nothing changed.</exception>
    public Hyperparameters Hyperparameters
    {
        get => _hyperparameters;
        set
        {
            value.Validate();
            _hyperparameters = value;
        }
    }

    /// <summary>The learning rate of the next update, finite and in [0, 1e6].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of its range; nothing changed.</exception>
    public float LearningRate
    {
        get => _hyperparameters.LearningRate;
        set => Hyperparameters = _hyperparameters with { LearningRate = value };
    }

    /// <summary>
    /// One update of <paramref name="parameters"/> with <paramref name="gradients"/>, in place, exactly as a generated
    /// network's <c>ApplyGradients</c> applies its gradient: the gradient is rescaled to norm
    /// <see cref="Hyperparameters.ClipNorm"/> when clipping is on and its norm is larger; L1 adds <c>L1 * sign(p)</c> and
    /// L2 adds <c>L2 * p</c> to it; then the update rule (AdamW first decays <c>p -= lr * wd * p</c>) updates the
    /// parameters and the state, and <see cref="StepCount"/> advances by one. Allocates nothing.
    /// </summary>
    /// <param name="parameters"><see cref="ParameterCount"/> parameters, updated in place.</param>
    /// <param name="gradients"><see cref="ParameterCount"/> floats: the gradient of the objective with respect to each
    /// parameter, at the current parameters. It is only read.</param>
    /// <exception cref="ArgumentException">A length is not <see cref="ParameterCount"/> (the message names both), or the two
    /// spans share memory; nothing changed.</exception>
    /// <exception cref="TrainingDivergedException">The gradient holds NaN or infinity, or its norm is beyond 1e30; the update
    /// was refused and nothing changed (not the parameters, not the state, not <see cref="StepCount"/>).</exception>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        NetworkGuard.Length(parameters.Length, ParameterCount, nameof(parameters), nameof(ParameterCount));
        NetworkGuard.Length(gradients.Length, ParameterCount, nameof(gradients), nameof(ParameterCount));
        if (parameters.Overlaps(gradients))
        {
            throw new ArgumentException("'gradients' shares memory with 'parameters'; pass the gradient in a buffer of its own.", nameof(gradients));
        }

        ref float g = ref MemoryMarshal.GetReference(gradients);
        if (!OptimizerCoefficients.TryClippedScale(ref g, ParameterCount, 1f, _hyperparameters.ClipNorm, out double norm, out float scale))
        {
            throw Refused(norm, gradients);
        }

        long step = _step + 1;
        var coefficients = OptimizerCoefficients.Create(Optimizer, _hyperparameters, step, scale);
        ref float p = ref MemoryMarshal.GetReference(parameters);

        // A rule without state never reads its state references; they point at the parameters then.
        ref float s1 = ref _stateTensors == 0 ? ref p : ref StateTensor(0);
        ref float s2 = ref _stateTensors < 2 ? ref s1 : ref StateTensor(1);
        OptimizerKernels.Step(ref p, ref g, ref s1, ref s2, ParameterCount, weights: true, in coefficients);
        _step = step;
    }

    /// <summary>Clears the state (momentum buffers, sums of squares, moments) and <see cref="StepCount"/>, as a new
    /// optimizer with the same rule and hyperparameters would have them.</summary>
    public void Reset()
    {
        Array.Clear(_state);
        _step = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref float StateTensor(int tensor)
        => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_state), _origin + (tensor * ParameterCount));

    private TrainingDivergedException Refused(double norm, ReadOnlySpan<float> gradients)
    {
        int bad = NetworkGuard.IndexOfNonFinite(gradients);
        string cause = bad >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"gradients[{bad}] is {gradients[bad]}")
            : string.Create(CultureInfo.InvariantCulture, $"its norm is {norm}, beyond 1e30");
        return new TrainingDivergedException(
            string.Create(CultureInfo.InvariantCulture, $"{Optimizer} step {_step + 1} was refused and nothing changed: {cause}. Lower the learning rate, clip gradients (ClipNorm) or check how the gradient is computed."),
            _step + 1,
            float.NaN);
    }
}
