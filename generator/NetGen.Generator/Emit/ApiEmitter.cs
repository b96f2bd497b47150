using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Shapes;
using static NetGen.Generator.Emit.EmitContext;

namespace NetGen.Generator.Emit;

/// <summary>Emits the fields, the constructor and the public members the contract lists.</summary>
internal static class ApiEmitter
{
    public static void EmitState(CodeWriter code, EmitContext context)
    {
        NetworkSpec spec = context.Spec;
        HyperparameterSpec h = spec.Hyperparameters;
        code.Line("private static readonly global::NetGen.NetworkArchitecture s_architecture = new(");
        code.Line($"    InputSize, BatchSize, global::NetGen.Loss.{spec.Loss}, global::NetGen.Optimizer.{spec.Optimizer},");
        code.Line("    new global::NetGen.LayerInfo[]");
        code.Line("    {");
        long offset = 0;
        foreach (LayerLayout layer in context.Layout.Layers)
        {
            if (layer is DenseLayout dense)
            {
                code.Line($"        new(global::NetGen.LayerKind.Dense, {dense.Inputs}, {dense.Outputs}, global::NetGen.Activation.{dense.Activation}, 0f, {Int(offset)}),");
                offset += ((long)dense.Inputs * dense.Outputs) + dense.Outputs;
            }
            else if (layer is DropoutLayout dropout)
            {
                code.Line($"        new(global::NetGen.LayerKind.Dropout, {dropout.Inputs}, {dropout.Outputs}, global::NetGen.Activation.None, {Float(dropout.Rate)}, {Int(offset)}),");
            }
        }

        code.Line("    });");
        code.Line();
        code.Line("private static readonly global::NetGen.Hyperparameters s_declaredHyperparameters = new()");
        code.Line("{");
        foreach ((string name, float value) in Hyperparameters(h))
        {
            code.Line($"    {name} = {Float(value)},");
        }

        code.Line("};");
        code.Line();
        code.Lines("""
            private readonly float[] _slab;
            private readonly int _origin;
            private global::NetGen.Hyperparameters _hyperparameters;
            private global::NetGen.DeterministicRandom _dropoutRandom;
            private global::NetGen.Threading.WorkerTeam? _team;
            private int _parallelRows;
            private int _parallelPass;
            private global::NetGen.Kernels.GradientMode _parallelMode;
            private global::NetGen.Kernels.OptimizerCoefficients _parallelCoefficients;
            private long _step;
            private long _accumulatedRows;
            private bool _gradientsApplied;
            """);
    }

    public static void EmitMembers(CodeWriter code, EmitContext context)
    {
        string type = context.Spec.TypeName;
        string optimizer = context.Spec.Optimizer.ToString();
        code.Lines($$"""
            /// <summary>Creates the network and allocates every buffer it will use; parameters are initialised from <paramref name="seed"/>.</summary>
            /// <param name="seed">The seed of the weight initialisation and of the dropout masks.</param>
            public {{type}}(int seed = 0)
            {
                _slab = global::NetGen.Kernels.NetworkMemory.AllocateAligned(SlabLength, out _origin);
                _hyperparameters = s_declaredHyperparameters;
                Reinitialize(seed);
            }

            /// <summary>The layers, loss and optimizer of this network.</summary>
            public static global::NetGen.NetworkArchitecture Architecture => s_architecture;

            int global::NetGen.INetwork.InputSize => InputSize;

            int global::NetGen.INetwork.OutputSize => OutputSize;

            int global::NetGen.INetwork.ParameterCount => ParameterCount;

            int global::NetGen.INetwork.BatchSize => BatchSize;

            global::NetGen.NetworkArchitecture global::NetGen.INetwork.Architecture => s_architecture;

            /// <summary>The number of optimizer updates taken so far.</summary>
            public long Step => _step;

            /// <inheritdoc cref="global::NetGen.INetwork.AccumulatedRows"/>
            public long AccumulatedRows => _gradientsApplied ? 0 : _accumulatedRows;

            /// <summary>Creates a network initialised from <paramref name="seed"/>.</summary>
            /// <param name="seed">The seed of the weight initialisation and of the dropout masks.</param>
            public static {{type}} Create(int seed) => new(seed);

            /// <inheritdoc cref="global::NetGen.INetwork.Predict"/>
            public void Predict(ReadOnlySpan<float> input, Span<float> output)
            {
                global::NetGen.NetworkGuard.Length(input.Length, InputSize, nameof(input), nameof(InputSize));
                global::NetGen.NetworkGuard.Length(output.Length, OutputSize, nameof(output), nameof(OutputSize));
                ref float s = ref Origin();
                Forward(ref s, ref MemoryMarshal.GetReference(input), 0, 1, training: false);
                ReadOutputs(ref s, output, 1);
            }

            /// <inheritdoc cref="global::NetGen.INetwork.PredictBatch"/>
            public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
            {
                int rows = global::NetGen.NetworkGuard.Rows(inputs.Length, InputSize, BatchSize, nameof(inputs));
                global::NetGen.NetworkGuard.RowLength(outputs.Length, rows, OutputSize, nameof(outputs), nameof(OutputSize));
                ref float s = ref Origin();
                Forward(ref s, ref MemoryMarshal.GetReference(inputs), 0, rows, training: false);
                ReadOutputs(ref s, outputs, rows);
            }

            /// <inheritdoc cref="global::NetGen.INetwork.TrainStep"/>
            public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
            {
                int rows = CheckBatch(inputs, targets);
                if (_hyperparameters.ClipNorm > 0f)
                {
                    // Clipping needs the norm of the whole gradient before any update.
                    float clippedLoss = Accumulate(inputs, targets, rows, global::NetGen.Kernels.GradientMode.Overwrite);
                    ApplyGradients();
                    return clippedLoss;
                }

                // The fused step: each layer's gradient is stored and its parameters updated as soon as it is summed.
                var coefficients = global::NetGen.Kernels.OptimizerCoefficients.Create(global::NetGen.Optimizer.{{optimizer}}, _hyperparameters, _step + 1, (float)(1.0 / rows));
                float loss = TrainingPasses(inputs, targets, rows, global::NetGen.Kernels.GradientMode.Update, coefficients);
                _step++;
                _accumulatedRows = rows;
                _gradientsApplied = true;
                return loss;
            }

            /// <inheritdoc cref="global::NetGen.INetwork.ComputeGradients"/>
            public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
            {
                int rows = CheckBatch(inputs, targets);
                return Accumulate(inputs, targets, rows, global::NetGen.Kernels.GradientMode.Overwrite);
            }

            /// <inheritdoc cref="global::NetGen.INetwork.Evaluate"/>
            public float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
            {
                int rows = CheckBatch(inputs, targets);
                ref float s = ref Origin();
                Forward(ref s, ref MemoryMarshal.GetReference(inputs), 0, rows, training: false);
                return LossAndGradient(ref s, ref MemoryMarshal.GetReference(targets), rows);
            }

            /// <inheritdoc cref="global::NetGen.INetwork.ZeroGradients"/>
            public void ZeroGradients() => ClearGradients();

            /// <inheritdoc cref="global::NetGen.INetwork.AccumulateGradients"/>
            public float AccumulateGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
            {
                int rows = CheckBatch(inputs, targets);
                bool fresh = _gradientsApplied || _accumulatedRows == 0;
                return Accumulate(inputs, targets, rows, fresh ? global::NetGen.Kernels.GradientMode.Overwrite : global::NetGen.Kernels.GradientMode.Accumulate);
            }

            /// <inheritdoc cref="global::NetGen.INetwork.ApplyGradients"/>
            public void ApplyGradients()
            {
                if (_gradientsApplied || _accumulatedRows == 0)
                {
                    throw new InvalidOperationException("There is no accumulated gradient to apply: call AccumulateGradients first.");
                }

                ref float s = ref Origin();
                float scale = (float)(1.0 / _accumulatedRows);
                float clip = _hyperparameters.ClipNorm;
                if (clip > 0f)
                {
                    double norm = Math.Sqrt(global::NetGen.Kernels.Reductions.SumOfSquares(ref Unsafe.Add(ref s, Gradients), BlockLength)) * scale;
                    if (norm > clip)
                    {
                        scale = (float)(scale * (clip / norm));
                    }
                }

                _step++;
                var coefficients = global::NetGen.Kernels.OptimizerCoefficients.Create(global::NetGen.Optimizer.{{optimizer}}, _hyperparameters, _step, scale);
                {{Update(context, "Parameters", "Gradients", "WeightsLength", "true")}}
                {{Update(context, "Parameters + WeightsLength", "Gradients + WeightsLength", "BlockLength - WeightsLength", "false")}}
                _gradientsApplied = true;
            }

            /// <inheritdoc cref="global::NetGen.INetwork.ExportParameters"/>
            public void ExportParameters(Span<float> destination)
            {
                global::NetGen.NetworkGuard.Length(destination.Length, ParameterCount, nameof(destination), nameof(ParameterCount));
                BlockToCanonical(ref Unsafe.Add(ref Origin(), Parameters), destination, 1f);
            }

            /// <inheritdoc cref="global::NetGen.INetwork.ImportParameters"/>
            public void ImportParameters(ReadOnlySpan<float> source)
            {
                global::NetGen.NetworkGuard.Length(source.Length, ParameterCount, nameof(source), nameof(ParameterCount));
                global::NetGen.NetworkGuard.Finite(source, nameof(source));
                CanonicalToBlock(source, ref Unsafe.Add(ref Origin(), Parameters));
            }

            /// <inheritdoc cref="global::NetGen.INetwork.ExportGradients"/>
            public void ExportGradients(Span<float> destination)
            {
                global::NetGen.NetworkGuard.Length(destination.Length, ParameterCount, nameof(destination), nameof(ParameterCount));
                float scale = _accumulatedRows == 0 ? 0f : (float)(1.0 / _accumulatedRows);
                BlockToCanonical(ref Unsafe.Add(ref Origin(), Gradients), destination, scale);
            }

            /// <inheritdoc cref="global::NetGen.INetwork.Hyperparameters"/>
            public global::NetGen.Hyperparameters Hyperparameters
            {
                get => _hyperparameters;
                set
                {
                    value.Validate();
                    _hyperparameters = value;
                }
            }
            """);
        foreach ((string name, float _) in Hyperparameters(context.Spec.Hyperparameters))
        {
            code.Line();
            code.Lines($$"""
                /// <summary>The current {{Words(name)}}; see <see cref="global::NetGen.Hyperparameters.{{name}}"/> for its range.</summary>
                public float {{name}}
                {
                    get => _hyperparameters.{{name}};
                    set => Hyperparameters = _hyperparameters with { {{name}} = value };
                }
                """);
        }

        code.Line();
        code.Lines($$"""
            /// <inheritdoc cref="global::NetGen.INetwork.Reinitialize"/>
            public void Reinitialize(int seed)
            {
                Array.Clear(_slab);
                InitializeParameters(ref Origin(), seed);
                _dropoutRandom = new global::NetGen.DeterministicRandom(seed, stream: 1);
                _step = 0;
                _accumulatedRows = 0;
                _gradientsApplied = false;
            }

            /// <inheritdoc cref="global::NetGen.INetwork.Save"/>
            public void Save(Stream stream)
            {
                ArgumentNullException.ThrowIfNull(stream);
                ref float s = ref Origin();
                float[] parameters = new float[ParameterCount];
                BlockToCanonical(ref Unsafe.Add(ref s, Parameters), parameters, 1f);
                float[] state = new float[ParameterCount * StateTensors];
            {{StateCopies(context, toCanonical: true)}}
                Span<uint> random = stackalloc uint[global::NetGen.DeterministicRandom.StateWords];
                _dropoutRandom.ExportState(random);
                global::NetGen.Serialization.Checkpoint.Write(stream, s_architecture, _hyperparameters, _step, random, parameters, state);
            }

            /// <inheritdoc cref="global::NetGen.INetwork.Restore"/>
            public void Restore(Stream stream)
            {
                ArgumentNullException.ThrowIfNull(stream);
                global::NetGen.Serialization.CheckpointData data = global::NetGen.Serialization.Checkpoint.Read(stream, s_architecture);
                ref float s = ref Origin();
                CanonicalToBlock(data.Parameters, ref Unsafe.Add(ref s, Parameters));
                float[] state = data.OptimizerState;
            {{StateCopies(context, toCanonical: false)}}
                _hyperparameters = data.Hyperparameters;
                _step = data.Step;
                _dropoutRandom = global::NetGen.DeterministicRandom.FromState(data.RandomState);
                ClearGradients();
            }

            /// <summary>Reads a network from a checkpoint written by <see cref="Save"/>, leaving the stream just after it.</summary>
            /// <param name="stream">The source.</param>
            /// <exception cref="InvalidDataException">The stream is empty, truncated or corrupted, is of another architecture or of a newer format.</exception>
            public static {{type}} Load(Stream stream)
            {
                var network = new {{type}}();
                network.Restore(stream);
                return network;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private ref float Origin() => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slab), _origin);

            private static int CheckBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
            {
                int rows = global::NetGen.NetworkGuard.Rows(inputs.Length, InputSize, BatchSize, nameof(inputs));
                global::NetGen.NetworkGuard.RowLength(targets.Length, rows, OutputSize, nameof(targets), nameof(OutputSize));
                return rows;
            }

            private void ClearGradients()
            {
                MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Origin(), Gradients), BlockLength).Clear();
                _accumulatedRows = 0;
                _gradientsApplied = false;
            }

            // Forward and backward in training mode; the rows' gradient sums are added to the gradient block, or stored
            // over it when 'mode' is Overwrite (a new sum, so that the block needs no clearing first).
            private float Accumulate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int rows, global::NetGen.Kernels.GradientMode mode)
            {
                float loss = TrainingPasses(inputs, targets, rows, mode, default);
                _accumulatedRows = mode == global::NetGen.Kernels.GradientMode.Accumulate ? _accumulatedRows + rows : rows;
                _gradientsApplied = false;
                return loss;
            }

            /// <summary>The threads a training call (TrainStep, ComputeGradients, AccumulateGradients) may use: 1, the default,
            /// runs on the calling thread only. With more, batches of at least 32 rows are split between threads by rows for
            /// the forward and backward data passes and by rows of each weight gradient for the weight gradients, so that
            /// no thread adds to another's sums: the results are bit-for-bit those of one thread. Setting it back to 1
            /// stops the worker threads.</summary>
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

                    _team?.Dispose();
                    _team = value == 1 ? null : new global::NetGen.Threading.WorkerTeam(value);
                }
            }

            // Forward, loss and backward of a training call, on one thread or split between the team's.
            private float TrainingPasses(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int rows, global::NetGen.Kernels.GradientMode mode, in global::NetGen.Kernels.OptimizerCoefficients c)
            {
                ref float s = ref Origin();
                ref float t = ref MemoryMarshal.GetReference(targets);
                {{SampleMasksCall(context)}}
                int parts = _team is null ? 1 : global::NetGen.Threading.WorkerTeam.Parts(rows, _team.Threads);
                if (parts == 1)
                {
                    ref float x = ref MemoryMarshal.GetReference(inputs);
                    Forward(ref s, ref x, 0, rows, training: true);
                    float loss = LossAndGradient(ref s, ref t, rows);
                    BackwardData(ref s, 0, rows);
                    BackwardWeights(ref s, ref x, rows, 0, 1, mode, in c);
                    return loss;
                }

                // The workers cannot see the caller's span: they read a copy of the rows in the slab.
                inputs.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref s, InputCopy), rows * InputSize));
                _parallelRows = rows;
                _parallelMode = mode;
                _parallelCoefficients = c;
                _parallelPass = 0;
                _team!.Run(this, parts);
                float parallelLoss = LossAndGradient(ref s, ref t, rows);
                _parallelPass = 1;
                _team.Run(this, parts);
                _parallelPass = 2;
                _team.Run(this, parts);
                return parallelLoss;
            }

            void global::NetGen.Threading.IPartitionedWork.RunPart(int part, int parts)
            {
                ref float s = ref Origin();
                ref float x = ref Unsafe.Add(ref s, InputCopy);
                int rows = _parallelRows;
                int count = global::NetGen.Threading.WorkerTeam.RowRange(rows, part, parts, out int first);
                switch (_parallelPass)
                {
                    case 0:
                        Forward(ref s, ref Unsafe.Add(ref x, first * InputSize), first, count, training: true);
                        break;
                    case 1:
                        BackwardData(ref s, first, count);
                        break;
                    default:
                        BackwardWeights(ref s, ref x, rows, part, parts, _parallelMode, in _parallelCoefficients);
                        break;
                }
            }

            private static void ReadOutputs(ref float s, Span<float> outputs, int rows)
            {
                for (int r = 0; r < rows; r++)
                {
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref s, {{Output(context.Layout.Output)}} + (r * {{context.Layout.Output.PaddedOutputs}})), OutputSize)
                        .CopyTo(outputs.Slice(r * OutputSize, OutputSize));
                }
            }
            """);
        code.Line();
        EmitDispatch(code, "Forward", "ref float s, ref float input, int first, int rows, bool training", "ref s, ref input, first, rows, training", isStatic: true);
        code.Line();
        EmitDispatch(code, "BackwardData", "ref float s, int first, int rows", "ref s, first, rows", isStatic: true);
        code.Line();
        EmitDispatch(code, "BackwardWeights", "ref float s, ref float input, int rows, int part, int parts, global::NetGen.Kernels.GradientMode mode, in global::NetGen.Kernels.OptimizerCoefficients c", "ref s, ref input, rows, part, parts, mode, in c", isStatic: true);
        EmitSampleMasks(code, context);
    }

    private static string SampleMasksCall(EmitContext context)
        => context.Layout.Layers.Any(layer => layer is DropoutLayout) ? "SampleMasks(ref s, rows);" : "// no dropout layer: no masks to draw";

    private static void EmitSampleMasks(CodeWriter code, EmitContext context)
    {
        if (!context.Layout.Layers.Any(layer => layer is DropoutLayout))
        {
            return;
        }

        code.Line();
        code.Line("// Draws the dropout masks of a training call, layer after layer, before the rows are split between threads.");
        code.Open("private void SampleMasks(ref float s, int rows)");
        foreach (DropoutLayout dropout in context.Layout.Layers.OfType<DropoutLayout>())
        {
            code.Line($"global::NetGen.Kernels.DropoutKernels.SampleMask({At(Mask(dropout))}, rows * {dropout.PaddedOutputs}, {Float(dropout.Rate)}, ref _dropoutRandom);");
        }

        code.Close();
    }

    private static void EmitDispatch(CodeWriter code, string name, string parameters, string arguments, bool isStatic)
    {
        code.Line("// Runs the widest instruction set the machine accelerates; the JIT removes the other branches.");
        code.Open($"private {(isStatic ? "static " : string.Empty)}void {name}({parameters})");
        for (int i = 0; i < Isa.All.Count; i++)
        {
            Isa isa = Isa.All[i];
            code.Open(i == 0 ? $"if ({isa.Condition})" : isa.IsScalar ? "else" : $"else if ({isa.Condition})");
            code.Line($"{name}_{isa.Name}({arguments});");
            code.Close();
        }

        code.Close();
    }

    private static string Update(EmitContext context, string parameters, string gradients, string length, string weights)
    {
        string method = context.Spec.Optimizer switch
        {
            OptimizerKind.Sgd => "Sgd",
            OptimizerKind.Momentum => "Momentum",
            OptimizerKind.Nesterov => "Nesterov",
            OptimizerKind.AdaGrad => "AdaGrad",
            OptimizerKind.RMSProp => "RMSProp",
            _ => "Adam",
        };
        var arguments = new List<string> { $"ref Unsafe.Add(ref s, {parameters})", $"ref Unsafe.Add(ref s, {gradients})" };
        string shift = parameters.Contains("+") ? " + WeightsLength" : string.Empty;
        for (int tensor = 0; tensor < context.Layout.StateTensors; tensor++)
        {
            arguments.Add($"ref Unsafe.Add(ref s, State{tensor}{shift})");
        }

        arguments.Add(length);
        arguments.Add($"weights: {weights}");
        arguments.Add("coefficients");
        return $"global::NetGen.Kernels.OptimizerKernels.{method}({string.Join(", ", arguments)});";
    }

    private static string StateCopies(EmitContext context, bool toCanonical)
    {
        var lines = new List<string>();
        for (int tensor = 0; tensor < context.Layout.StateTensors; tensor++)
        {
            string slice = $"state.AsSpan({tensor} * ParameterCount, ParameterCount)";
            lines.Add(toCanonical
                ? $"    BlockToCanonical(ref Unsafe.Add(ref s, State{tensor}), {slice}, 1f);"
                : $"    CanonicalToBlock({slice}, ref Unsafe.Add(ref s, State{tensor}));");
        }

        return lines.Count == 0 ? "    // the update rule keeps no state" : string.Join("\n", lines);
    }

    private static (string Name, float Value)[] Hyperparameters(HyperparameterSpec h) => new[]
    {
        ("LearningRate", h.LearningRate),
        ("Momentum", h.Momentum),
        ("Dampening", h.Dampening),
        ("Beta1", h.Beta1),
        ("Beta2", h.Beta2),
        ("Epsilon", h.Epsilon),
        ("Rho", h.Rho),
        ("L1", h.L1),
        ("L2", h.L2),
        ("WeightDecay", h.WeightDecay),
        ("ClipNorm", h.ClipNorm),
    };

    private static string Words(string name) => name switch
    {
        "LearningRate" => "learning rate",
        "WeightDecay" => "decoupled weight decay",
        "ClipNorm" => "gradient clipping norm",
        "L1" => "L1 penalty",
        "L2" => "L2 penalty",
        _ => name.ToLowerInvariant(),
    };
}
