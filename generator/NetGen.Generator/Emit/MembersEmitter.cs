using System.Text;
using NetGen.Generator.Layers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Emit;

/// <summary>
/// Emits the network's main file: its sizes and shapes, its architecture, the public members (each forwarding to the
/// runtime's <c>NetworkCore</c>, which holds the lifecycle every network shares), and its memory plan with the sizes
/// the core reads from the <c>GeneratedPasses</c> struct.
/// </summary>
internal static class MembersEmitter
{
    /// <summary>The nested struct holding the passes; a name the network's own members are unlikely to use.</summary>
    public const string PassesType = "GeneratedPasses";

    private const string Core = "_core";

    public static string Emit(NetworkPlan plan)
    {
        var code = new CodeWriter();
        NetworkSpec spec = plan.Spec;
        string type = spec.TypeName;
        string interfaces = plan.Streams ? $"global::NetGen.INetwork<{type}>, global::NetGen.IStreamingNetwork" : $"global::NetGen.INetwork<{type}>";
        TypeShell.Open(code, spec, interfaces, "sizes, memory plan and public members");
        code.Line($"// {Describe(plan)}");
        EmitSizes(code, plan);
        code.Line();
        EmitArchitecture(code, plan);
        code.Line();
        code.Lines($$"""
            private readonly global::NetGen.Engine.NetworkCore<{{PassesType}}> {{Core}};

            /// <summary>Creates the network and allocates every buffer it will use; parameters are initialised from <paramref name="seed"/>.</summary>
            /// <param name="seed">The seed of the weight initialisation and of the dropout masks.</param>
            {{Constructor(spec)}}

            /// <summary>Creates a network initialised from <paramref name="seed"/>.</summary>
            /// <param name="seed">The seed of the weight initialisation and of the dropout masks.</param>
            public static {{type}} Create(int seed) => new(seed);

            /// <summary>Reads a network from a checkpoint written by <see cref="Save"/>, leaving the stream just after it.</summary>
            /// <param name="stream">The source.</param>
            /// <exception cref="InvalidDataException">The stream is empty, truncated or corrupted, is of another architecture or of a newer format.</exception>
            public static {{type}} Load(Stream stream)
            {
                var network = new {{type}}();
                network.Restore(stream);
                return network;
            }

            int global::NetGen.INetwork.InputSize => InputSize;

            int global::NetGen.INetwork.OutputSize => OutputSize;

            int global::NetGen.INetwork.TargetSize => TargetSize;

            int global::NetGen.INetwork.ParameterCount => ParameterCount;

            int global::NetGen.INetwork.BatchSize => BatchSize;

            global::NetGen.NetworkArchitecture global::NetGen.INetwork.Architecture => Architecture;

            /// <inheritdoc cref="global::NetGen.INetwork.CopyParametersTo"/>
            public void CopyParametersTo({{type}} target) => {{Core}}.CopyParametersTo(target?.{{Core}});

            /// <inheritdoc cref="global::NetGen.INetwork.SoftUpdate"/>
            public void SoftUpdate({{type}} target, float tau) => {{Core}}.SoftUpdate(target?.{{Core}}, tau);

            void global::NetGen.INetwork.CopyParametersTo(global::NetGen.INetwork target) => CopyParametersTo(global::NetGen.NetworkGuard.SameType<{{type}}>(target, Architecture, nameof(target)));

            void global::NetGen.INetwork.SoftUpdate(global::NetGen.INetwork target, float tau) => SoftUpdate(global::NetGen.NetworkGuard.SameType<{{type}}>(target, Architecture, nameof(target)), tau);
            """);
        code.Line();
        code.Line("// The members every network has, run by the runtime's NetworkCore over this network's passes.");
        EmitForwardingMembers(code, spec.Portable);
        if (plan.Streams)
        {
            EmitStreamingMembers(code, plan);
        }

        if (plan.HasState)
        {
            EmitStateMembers(code);
        }

        code.Line();
        MemoryPlanEmitter.Emit(code, plan);
        code.Line();
        EmitPassesSizes(code, plan);
        TypeShell.Close(code, spec);
        return code.ToString();
    }

    /// <summary>The network in one line, as its architecture prints it: <c>784 -> Dense(128, ReLU) -> Dense(10, Softmax); CategoricalCrossEntropy; Adam</c>.</summary>
    public static string Describe(NetworkPlan plan)
    {
        var text = new StringBuilder(plan.Spec.InputShape.Rank == 1 ? Int(plan.Spec.InputShape.Size) : plan.Spec.InputShape.ToString());
        foreach (LayerPlan layer in plan.Layers)
        {
            text.Append(" -> ").Append(layer.Declaration);
        }

        return text.Append("; ").Append(plan.Spec.Loss).Append("; ").Append(plan.Spec.Optimizer).ToString();
    }

    private static string TargetText(NetworkPlan plan) => plan.Spec.Loss == Loss.SparseCategoricalCrossEntropy
        ? (plan.Output.Shape.Positions == 1 ? "the index of the true class, 0 to " : "the index of the true class at each output position, 0 to ") + Int(plan.Output.Channels - 1) + ", as a float"
        : "one per output" + (plan.Spec.Loss == Loss.CategoricalCrossEntropy ? " (a one-hot row for each position)" : string.Empty);

    private static void EmitSizes(CodeWriter code, NetworkPlan plan)
    {
        code.Lines($$"""
            /// <summary>The number of input values per row: the product of <see cref="InputShape"/>.</summary>
            public const int InputSize = {{Int(plan.Input.Shape.Size)}};

            /// <summary>The number of outputs per row: the product of <see cref="OutputShape"/>{{(plan.OutputsLogits ? $" (logits: Loss.{plan.Spec.Loss} applies the {(plan.Spec.FusedActivation == Activation.Sigmoid ? "sigmoid" : "softmax")} itself)" : string.Empty)}}.</summary>
            public const int OutputSize = {{Int(plan.Output.Shape.Size)}};

            /// <summary>The number of targets per row: {{TargetText(plan)}}.</summary>
            public const int TargetSize = {{Int(plan.TargetSize)}};

            /// <summary>The number of trainable parameters.</summary>
            public const int ParameterCount = {{Int(plan.ParameterCount)}};

            /// <summary>The largest number of rows one call takes.</summary>
            public const int BatchSize = {{plan.Spec.BatchSize}};

            /// <summary>The shape of one input row, channels last: {{plan.Input.Shape}}.</summary>
            public static ReadOnlySpan<int> InputShape => new int[] { {{plan.Input.Shape.ToList()}} };

            /// <summary>The shape of one output row{{(plan.TargetChannels == plan.Output.Channels ? " (and of one target row)" : string.Empty)}}, channels last: {{plan.Output.Shape}}.</summary>
            public static ReadOnlySpan<int> OutputShape => new int[] { {{plan.Output.Shape.ToList()}} };
            """);
    }

    private static void EmitArchitecture(CodeWriter code, NetworkPlan plan)
    {
        code.Line("/// <summary>The layers, loss and optimizer of this network.</summary>");
        code.Line("public static global::NetGen.NetworkArchitecture Architecture { get; } = new(");
        code.Line($"    new global::NetGen.TensorShape({plan.Input.Shape.ToList()}), BatchSize, global::NetGen.Loss.{plan.Spec.Loss}, global::NetGen.Optimizer.{plan.Spec.Optimizer},");
        code.Line("    new global::NetGen.LayerInfo[]");
        code.Line("    {");
        foreach (LayerPlan layer in plan.Layers)
        {
            code.Line($"        {layer.Emitter.Architecture(layer)},");
        }

        code.Line("    });");
    }

    /// <summary>The constructor: the runtime's defaults for the optimizer, with the values the declaration writes (in portable code,
    /// which has no <c>with</c> on structs, set one by one in the constructor's body).</summary>
    private static string Constructor(NetworkSpec spec)
    {
        string type = spec.TypeName;
        string defaults = $"global::NetGen.Hyperparameters.Defaults(global::NetGen.Optimizer.{spec.Optimizer})";
        if (spec.Hyperparameters.Explicit.Count == 0)
        {
            return $"public {type}(int seed = 0) => {Core} = new(Architecture, {defaults}, seed, nameof({type}));";
        }

        var assignments = new StringBuilder();
        foreach (HyperparameterDefinition definition in HyperparameterDefinitions.All)
        {
            if (spec.Hyperparameters.IsExplicit(definition))
            {
                string value = Float(spec.Hyperparameters.ValueOf(definition, spec.Optimizer));
                if (spec.Portable)
                {
                    assignments.Append($"\n    hyperparameters.{definition.Name} = {value};");
                }
                else
                {
                    assignments.Append(assignments.Length == 0 ? string.Empty : ", ").Append(definition.Name).Append(" = ").Append(value);
                }
            }
        }

        if (!spec.Portable)
        {
            return $"public {type}(int seed = 0) => {Core} = new(Architecture, {defaults} with {{ {assignments} }}, seed, nameof({type}));";
        }

        return $"public {type}(int seed = 0)\n{{\n    global::NetGen.Hyperparameters hyperparameters = {defaults};{assignments}\n    {Core} = new(Architecture, hyperparameters, seed, nameof({type}));\n}}";
    }

    private static void EmitForwardingMembers(CodeWriter code, bool portable)
    {
        (string Member, string Documentation)[] members =
        [
            ("public long Step => _core.Step;", "global::NetGen.INetwork.Step"),
            ("public long AccumulatedRows => _core.AccumulatedRows;", "global::NetGen.INetwork.AccumulatedRows"),
            ("public void Predict(ReadOnlySpan<float> input, Span<float> output) => _core.Predict(input, output);", "global::NetGen.INetwork.Predict"),
            ("public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => _core.PredictBatch(inputs, outputs);", "global::NetGen.INetwork.PredictBatch"),
            ("public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => _core.TrainStep(inputs, targets);", "global::NetGen.INetwork.TrainStep"),
            ("public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => _core.ComputeGradients(inputs, targets);", "global::NetGen.INetwork.ComputeGradients"),
            ("public float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => _core.Evaluate(inputs, targets);", "global::NetGen.INetwork.Evaluate"),
            ("public void ZeroGradients() => _core.ZeroGradients();", "global::NetGen.INetwork.ZeroGradients"),
            ("public float AccumulateGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => _core.AccumulateGradients(inputs, targets);", "global::NetGen.INetwork.AccumulateGradients"),
            ("public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs) => _core.Forward(inputs, outputs);", "global::NetGen.INetwork.Forward"),
            ("public void Backward(ReadOnlySpan<float> outputGradients) => _core.Backward(outputGradients);", "global::NetGen.INetwork.Backward"),
            ("public void ApplyGradients() => _core.ApplyGradients();", "global::NetGen.INetwork.ApplyGradients"),
            ("public void ExportParameters(Span<float> destination) => _core.ExportParameters(destination);", "global::NetGen.INetwork.ExportParameters"),
            ("public void ImportParameters(ReadOnlySpan<float> source) => _core.ImportParameters(source);", "global::NetGen.INetwork.ImportParameters"),
            ("public void ExportGradients(Span<float> destination) => _core.ExportGradients(destination);", "global::NetGen.INetwork.ExportGradients"),
            ("public void Reinitialize(int seed) => _core.Reinitialize(seed);", "global::NetGen.INetwork.Reinitialize"),
            ("public void Save(Stream stream) => _core.Save(stream);", "global::NetGen.INetwork.Save"),
            ("public void Restore(Stream stream) => _core.Restore(stream);", "global::NetGen.INetwork.Restore"),
            ("public int Threads { get => _core.Threads; set => _core.Threads = value; }", $"global::NetGen.Engine.NetworkCore{{TPasses}}.Threads"),
            ("public global::NetGen.Hyperparameters Hyperparameters { get => _core.Hyperparameters; set => _core.Hyperparameters = value; }", "global::NetGen.INetwork.Hyperparameters"),
        ];
        foreach ((string member, string documentation) in members)
        {
            code.Line($"/// <inheritdoc cref=\"{documentation}\"/>");
            code.Line(member);
        }

        // One property per hyperparameter, from the shared list.
        foreach (HyperparameterDefinition definition in HyperparameterDefinitions.All)
        {
            code.Line($"/// <summary>The current {definition.Words}, {definition.RangeText}; see <see cref=\"global::NetGen.Hyperparameters\"/>.</summary>");
            code.Line(portable
                ? $"public float {definition.Name} {{ get => _core.Hyperparameters.{definition.Name}; set {{ global::NetGen.Hyperparameters values = _core.Hyperparameters; values.{definition.Name} = value; _core.Hyperparameters = values; }} }}"
                : $"public float {definition.Name} {{ get => _core.Hyperparameters.{definition.Name}; set => _core.Hyperparameters = _core.Hyperparameters with {{ {definition.Name} = value }}; }}");
        }
    }

    /// <summary>The members of a network that streams one time step per call.</summary>
    private static void EmitStreamingMembers(CodeWriter code, NetworkPlan plan)
    {
        code.Line();
        code.Lines($$"""
            // Streaming: every layer is causal in time, so the network also runs one step of {{plan.Input.Shape.Channels}} values per call.

            /// <summary>The values of one input step: the input sequence's last axis.</summary>
            public const int StepInputSize = {{plan.Input.Shape.Channels}};

            /// <summary>The values of one output step: the output's last axis.</summary>
            public const int StepOutputSize = {{plan.Output.Shape.Channels}};

            int global::NetGen.IStreamingNetwork.StepInputSize => StepInputSize;

            int global::NetGen.IStreamingNetwork.StepOutputSize => StepOutputSize;

            /// <inheritdoc cref="global::NetGen.IStreamingNetwork.PredictStep"/>
            public void PredictStep(ReadOnlySpan<float> step, Span<float> output) => _core.PredictStep<{{PassesType}}>(step, output);

            /// <inheritdoc cref="global::NetGen.IStreamingNetwork.PredictSteps"/>
            public void PredictSteps(ReadOnlySpan<float> steps, Span<float> outputs) => _core.PredictSteps<{{PassesType}}>(steps, outputs);

            /// <inheritdoc cref="global::NetGen.IStreamingNetwork.ResetState"/>
            public void ResetState() => _core.ResetState<{{PassesType}}>();
            """);
    }

    /// <summary>The members of a network with state (BatchNorm's running statistics).</summary>
    private static void EmitStateMembers(CodeWriter code)
    {
        code.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.BatchesTracked\"/>");
        code.Line("public long BatchesTracked => _core.BatchesTracked;");
        code.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.ExportState\"/>");
        code.Line("public void ExportState(Span<float> destination) => _core.ExportState(destination);");
        code.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.ImportState\"/>");
        code.Line("public void ImportState(ReadOnlySpan<float> source, long batchesTracked) => _core.ImportState(source, batchesTracked);");
    }

    /// <summary>The sizes the core reads from the passes; the passes themselves are in the <c>.Passes.g.cs</c> file.</summary>
    private static void EmitPassesSizes(CodeWriter code, NetworkPlan plan)
    {
        string type = plan.Spec.TypeName;
        code.Line("// The memory plan and the passes of this network, which the runtime's NetworkCore runs; a struct, so that the JIT");
        code.Line("// specialises the core for this network and reads these sizes as constants.");
        code.Open($"private readonly partial struct {PassesType} : global::NetGen.Engine.{(plan.Streams ? "IStreamingPasses" : "INetworkPasses")}");
        code.Line($"public int InputSize => {type}.InputSize;");
        code.Line($"public int OutputSize => {type}.OutputSize;");
        code.Line($"public int TargetSize => {type}.TargetSize;");
        code.Line($"public int SparseClasses => {(plan.Spec.Loss == Loss.SparseCategoricalCrossEntropy ? Int(plan.Output.Channels) : "0")};");
        code.Line($"public int BatchSize => {type}.BatchSize;");
        code.Line($"public int ParameterCount => {type}.ParameterCount;");
        code.Line($"public int SlabLength => {type}.SlabLength;");
        code.Line($"public int BlockLength => {type}.BlockLength;");
        code.Line($"public int WeightsLength => {type}.WeightsLength;");
        code.Line($"public int StateTensors => {plan.Memory.StateTensors};");
        code.Line($"public int InputCopy => {type}.InputCopy;");
        code.Line($"public bool LossIsFused => {(plan.LossIsFused ? "true" : "false")};");
        code.Line($"public int TrainingStages => {plan.TrainingStages};");
        code.Line($"public int StateCount => {Int(plan.StateCount)};");
        if (plan.HasState)
        {
            code.Line($"public int StateLength => {Int(plan.Memory.StateLength)};");
        }

        if (plan.Streams)
        {
            code.Line($"public int StepInputSize => {type}.StepInputSize;");
            code.Line($"public int StepOutputSize => {type}.StepOutputSize;");
            code.Line($"int global::NetGen.Engine.IStreamingPasses.StreamState => {type}.StreamState;");
            code.Line($"public int StreamStateLength => {type}.StreamStateLength;");
        }
        code.Close();
    }
}
