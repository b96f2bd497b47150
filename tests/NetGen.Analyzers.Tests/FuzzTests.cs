using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Analyzers.Tests.Infrastructure;
using NetGen.Generator;
using NetGen.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// Feeds mutated declarations (fixed seeds) through the generator and the analyzers, as the IDE
/// does on every keystroke: none may throw, the driver may not report CS8785, no analyzer may fail
/// with AD0001, and when the generator emits code for a variant whose own code compiles, the
/// generated code compiles too (checked for the first distinct outputs).
/// </summary>
/// <remarks>
/// Every input goes through the generator twice, in its default form (every instruction-set path)
/// and in its portable form (<c>NetGenCodePath=Portable</c>: the scalar kernels in C# 9). The
/// analyzers read only the generated members' signatures, which both forms share, so three batches
/// in four are analyzed against the portable output: parsing and declaring the default form's
/// kernels (about 600 KB of C# for a LeNet-5) cost twice what the analyzers themselves do. The
/// fourth batch is analyzed against the default output, as a build sees it.
/// </remarks>
public partial class FuzzTests
{
    public const int Inputs = 10_000;

    /// <summary>How many distinct generated outputs are compiled in full (binding the generated kernels is what costs).</summary>
    private const int CompiledOutputs = 8;

    /// <summary>Inputs compiled together, each with its own type names, so that they share the driver's set-up.</summary>
    private const int PerCompilation = 8;

    /// <summary>One batch in this many is analyzed against the default form's output; the others against the portable form's.</summary>
    private const int DefaultFormAnalyzedEvery = 4;

    private static readonly BuildProperties DefaultForm = new(new Dictionary<string, string>());

    private static readonly BuildProperties PortableForm = new(new Dictionary<string, string> { ["NetGenCodePath"] = "Portable" });

    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    private static readonly string[][] Seeds =
    {
        [
            """
            using System;
            using NetGen;

            namespace Fuzz;

            [Network(4, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f, BatchSize = 8)]
            [Dense(6, Activation.ReLU)]
            [Dropout(0.25f)]
            [Dense(3, Activation.Softmax)]
            public partial class Net
            {
                public static float Use(Net net)
                {
                    Span<float> output = stackalloc float[3];
                    net.Predict(new float[4], output);
                    float[] inputs = new float[8];
                    return net.TrainStep(inputs, [1f, 0f, 0f, 0f, 1f, 0f]) + net.Predict(new Input())[0];
                }
            }
            """,
        ],
        [
            """
            using NetGen;

            public partial class Outer
            {
                [Network(3, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Momentum, Momentum = 0.5f, BatchSize = 2)]
                [Dense(4, Activation.Tanh)]
                [Dense(1, Activation.Sigmoid)]
                internal sealed partial class Net { }
            }
            """,
            """
            public partial class Outer
            {
                internal sealed partial class Net
                {
                    public float Score(float[] row) => Evaluate(row, new float[1]);
                }
            }
            """,
        ],
        [
            """
            using NN = NetGen;
            using Act = NetGen.Activation;

            [NN.Network(int.MaxValue, BatchSize = 3, Epsilon = float.NaN, ClipNorm = 1f)]
            [NN.Dense(2, (Act)99)]
            [NN.Dense(units: 2, activation: Act.Softmax)]
            [NN.Dropout(rate: 1.5f)]
            public partial class Net<T> where T : struct { }

            [NN.Dense(1)]
            public class Orphan { }
            """,
        ],
        [
            """
            using NetGen;

            [Network(2, Optimizer = Optimizer.RMSProp, LearningRate = 0.5f, L1 = 0.01f, L2 = 0.01f)]
            [Dense(5)]
            [Dense(3, Activation.Softmax)]
            [Dense(1, Activation.ELU)]
            public partial class Net
            {
                public void Use(float[] parameters)
                {
                    ExportParameters(parameters.AsSpan(0, 10));
                    ImportParameters(new float[ParameterCount]);
                }
            }
            """,
        ],
        [
            """
            using System;
            using NetGen;

            [Network(6, 4, 3, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.AdamW, BatchSize = 5)]
            [Dense(8, Activation.GELU)]
            [Flatten]
            [Dropout(0.1f)]
            [Dense(4, Activation.Softmax)]
            public partial class Net
            {
                public int Use(Net net, float[] rows)
                {
                    net.Forward(rows, new float[4]);
                    net.Backward(new float[4]);
                    return InputShape[0] + OutputShape.Length;
                }
            }

            [Network(16, 1)]
            [Dense(2)]
            [Flatten]
            [Flatten]
            public partial class Column { }
            """,
        ],
        [
            """
            using NetGen;

            [Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, BatchSize = 32)]
            [Conv2D(6, 5, Activation.ReLU)]
            [MaxPool2D(2)]
            [Conv2D(16, 5, Activation.ReLU, Stride = 1, Padding = Padding.Same)]
            [AvgPool2D(2, Stride = 2)]
            [Flatten]
            [Dense(10, Activation.Softmax)]
            public partial class Net { }

            [Network(32, 3)]
            [Conv1D(8, 3, Activation.GELU, Dilation = 2, Padding = Padding.Causal)]
            [MaxPool1D(2)]
            [Conv1D(4, 2, Activation.Tanh, Stride = 2)]
            [AvgPool1D(3, Stride = 1)]
            [GlobalAvgPool]
            [Dense(2)]
            public partial class Sequence { }
            """,
        ],
        [
            """
            using System;
            using NetGen;

            [Network(12, 3, Loss = Loss.Huber, Optimizer = Optimizer.Adam, BatchSize = 4, ClipNorm = 1f)]
            [LSTM(8, ReturnSequences = true)]
            [Dropout(0.2f)]
            [GRU(5)]
            [Dense(2)]
            public partial class Net
            {
                public void Use(float[] step)
                {
                    Span<float> output = stackalloc float[2];
                    ResetState();
                    PredictStep(step.AsSpan(0, 3), output);
                    PredictStep(new float[StepInputSize], new float[StepOutputSize]);
                }
            }

            [Network(8)]
            [GRU(4, ReturnSequences = true)]
            [Dense(1)]
            public partial class Flat
            {
                public void Use(Flat flat) => flat.PredictStep(new float[1], new float[1]);
            }
            """,
        ],
        [
            """
            using NetGen;

            [Network(5, 8, Optimizer = Optimizer.Adam, BatchSize = 4)]
            [BatchNorm(Momentum = 0.2f, Epsilon = 1e-4f)]
            [Dense(8)]
            [BatchNorm(Activation.ReLU)]
            [Dense(8)]
            [LayerNorm(Activation.GELU, Epsilon = 1e-3f)]
            [Residual(4, Activation.ReLU)]
            [Flatten]
            [Dense(2)]
            public partial class Net { }

            [Network(16, 3, BatchSize = 4)]
            [Conv1D(4, 3, Activation.ReLU, Padding = Padding.Causal)]
            [BatchNorm]
            [LayerNorm(Activation.Tanh)]
            [Residual(2)]
            [GRU(3)]
            [Dense(1)]
            public partial class Sequence { }
            """,
        ],
    };

    [Fact]
    public void Ten_thousand_mutated_declarations_never_crash_the_generator_or_the_analyzers()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var compiled = new ConcurrentDictionary<string, byte>();
        var failures = new ConcurrentQueue<string>();
        int emitted = 0;
        Parallel.For(0, Inputs / PerCompilation, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, batch =>
        {
            int first = batch * PerCompilation;
            string[] sources = Enumerable.Range(first, PerCompilation).SelectMany(Variant).ToArray();
            try
            {
                string? problem = Run(sources, analyzeDefaultForm: batch % DefaultFormAnalyzedEvery == 0, out GeneratorRunResult result);
                if (problem is not null)
                {
                    failures.Enqueue($"inputs {first} to {first + PerCompilation - 1}: {problem}\n{string.Join("\n// next file\n", sources)}");
                    return;
                }

                for (int index = first; index < first + PerCompilation; index++)
                {
                    string name = $"Net{index}.";
                    if (!result.GeneratedSources.Any(source => source.HintName.Contains(name, StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    Interlocked.Increment(ref emitted);
                    if (compiled.Count < CompiledOutputs && CheckGeneratedCode(Variant(index), compiled) is { } error)
                    {
                        failures.Enqueue($"input {index}: {error}\n{string.Join("\n// next file\n", Variant(index))}");
                    }
                }
            }
            catch (Exception exception)
            {
                failures.Enqueue($"inputs {first} to {first + PerCompilation - 1}: {exception}\n{string.Join("\n// next file\n", sources)}");
            }
        });

        _output.WriteLine($"{Inputs} inputs in {clock.Elapsed.TotalSeconds:F1} s; {emitted} generated code, {compiled.Count} distinct outputs compiled.");
        Assert.True(failures.IsEmpty, string.Join("\n\n", failures.Take(3)));
        Assert.True(emitted > Inputs / 20, $"only {emitted} of {Inputs} inputs generated code, too few to exercise the emitters");
    }

    /// <summary>The files of input <paramref name="index"/>: its seed with type names made unique (Net17, Outer17), the
    /// declaration file mutated, and every third input's second file too.</summary>
    private static string[] Variant(int index)
    {
        string[] seed = Seeds[index % Seeds.Length];
        return seed
            .Select(source => TypeNames().Replace(source, match => match.Value + index.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Select((source, file) => file == 0 || index % 3 == 0 ? DeclarationMutator.Mutate(source, (index * 7) + file) : source)
            .ToArray();
    }

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = TestProject.Analyzers;

    /// <summary>Runs the generator in both forms and the analyzers over the output of one of them; the first problem found, or null.</summary>
    private static string? Run(string[] sources, bool analyzeDefaultForm, out GeneratorRunResult result)
    {
        CSharpCompilation compilation = TestProject.Compile(sources);
        if (Generate(compilation, DefaultForm, out Compilation defaultOutput, out result) is { } problem)
        {
            return problem;
        }

        if (Generate(compilation, PortableForm, out Compilation portableOutput, out _) is { } portableProblem)
        {
            return portableProblem;
        }

        return analyzeDefaultForm ? Analyze(compilation, defaultOutput, DefaultForm) : Analyze(compilation, portableOutput, PortableForm);
    }

    private static string? Generate(CSharpCompilation compilation, BuildProperties form, out Compilation output, out GeneratorRunResult result)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: TestProject.ParseOptions, optionsProvider: form);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        result = driver.GetRunResult().Results.Single();
        string name = form == PortableForm ? "portable" : "default";
        if (result.Exception is not null)
        {
            return $"the generator threw in its {name} form: {result.Exception}";
        }

        return generatorDiagnostics.FirstOrDefault(d => d.Id == "CS8785") is { } crash ? $"{name} form: {crash}" : null;
    }

    private static string? Analyze(CSharpCompilation compilation, Compilation output, BuildProperties form)
    {
        // Analyzed per file, as the IDE analyzes an open document.
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, form),
            onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        CompilationWithAnalyzers analyzed = output.WithAnalyzers(Analyzers, options);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            ImmutableArray<Diagnostic> diagnostics = analyzed
                .GetAnalyzerSemanticDiagnosticsAsync(output.GetSemanticModel(tree), filterSpan: null, CancellationToken.None)
                .GetAwaiter().GetResult();
            if (diagnostics.FirstOrDefault(d => d.Id == "AD0001") is { } failure)
            {
                return failure.ToString();
            }
        }

        return exceptions.IsEmpty ? null : "an analyzer threw " + exceptions.First();
    }

    /// <summary>When one input's own files compile, the code generated for it must compile too (checked once per distinct output).</summary>
    private static string? CheckGeneratedCode(string[] sources, ConcurrentDictionary<string, byte> compiled)
    {
        CSharpCompilation compilation = TestProject.Compile(sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: TestProject.ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        string key = string.Join("\n", output.SyntaxTrees.Except(compilation.SyntaxTrees).Select(tree => tree.ToString()));
        if (!compiled.TryAdd(key, 0))
        {
            return null;
        }

        ImmutableArray<Diagnostic> errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        bool userCodeCompiles = !errors.Any(d => IsUserCode(compilation, d));
        Diagnostic? generatedError = errors.FirstOrDefault(d => !IsUserCode(compilation, d));
        return userCodeCompiles && generatedError is not null ? "generated code does not compile: " + generatedError : null;
    }

    private static bool IsUserCode(Compilation compilation, Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree is not { } tree || compilation.SyntaxTrees.Contains(tree);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(Net|Outer|Orphan)\b")]
    private static partial System.Text.RegularExpressions.Regex TypeNames();
}
