using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Support;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The generator never throws and emits nothing for a declaration that cannot work or is only
/// half typed; the analyzers report why.
/// </summary>
public class InvalidDeclarationTests
{
    public static TheoryData<string, string> Declarations => new()
    {
        { "not partial", "[Network(2)] [Dense(1)] public class Net { }" },
        { "a struct", "[Network(2)] [Dense(1)] public partial struct Net { }" },
        { "a record", "[Network(2)] [Dense(1)] public partial record Net { }" },
        { "a static class", "[Network(2)] [Dense(1)] public static partial class Net { }" },
        { "generic", "[Network(2)] [Dense(1)] public partial class Net<T> { }" },
        { "nested in a non-partial type", "public class Outer { [Network(2)] [Dense(1)] public partial class Net { } }" },
        { "zero inputs", "[Network(0)] [Dense(1)] public partial class Net { }" },
        { "negative units", "[Network(2)] [Dense(-3)] public partial class Net { }" },
        { "zero batch size", "[Network(2, BatchSize = 0)] [Dense(1)] public partial class Net { }" },
        { "dropout rate of one", "[Network(2)] [Dropout(1f)] [Dense(1)] public partial class Net { }" },
        { "negative dropout rate", "[Network(2)] [Dropout(-0.5f)] [Dense(1)] public partial class Net { }" },
        { "no Dense layer", "[Network(2)] [Dropout(0.5f)] public partial class Net { }" },
        { "no layer", "[Network(2)] public partial class Net { }" },
        { "dropout after the output", "[Network(2)] [Dense(1)] [Dropout(0.5f)] public partial class Net { }" },
        { "binary cross-entropy without sigmoid", "[Network(2, Loss = Loss.BinaryCrossEntropy)] [Dense(1, Activation.Tanh)] public partial class Net { }" },
        { "categorical cross-entropy with another output activation", "[Network(2, Loss = Loss.CategoricalCrossEntropy)] [Dense(3, Activation.ReLU)] public partial class Net { }" },
        { "categorical cross-entropy with one unit", "[Network(2, Loss = Loss.CategoricalCrossEntropy)] [Dense(1, Activation.Softmax)] public partial class Net { }" },
        { "undefined activation", "[Network(2)] [Dense(1, (Activation)99)] public partial class Net { }" },
        { "undefined optimizer", "[Network(2, Optimizer = (Optimizer)42)] [Dense(1)] public partial class Net { }" },
        { "negative learning rate", "[Network(2, LearningRate = -1f)] [Dense(1)] public partial class Net { }" },
        { "momentum of one", "[Network(2, Momentum = 1f)] [Dense(1)] public partial class Net { }" },
        { "NaN clip norm", "[Network(2, ClipNorm = float.NaN)] [Dense(1)] public partial class Net { }" },
        { "too large to allocate", "[Network(100000, BatchSize = 100000)] [Dense(100000)] public partial class Net { }" },
        { "half-typed network attribute", "[Network(] [Dense(1)] public partial class Net { }" },
        { "half-typed layer attribute", "[Network(2)] [Dense(] public partial class Net { }" },
        { "argument of the wrong type", "[Network(\"two\")] [Dense(1)] public partial class Net { }" },
        { "layer argument of the wrong type", "[Network(2)] [Dense(1.5)] public partial class Net { }" },
        { "unknown named argument", "[Network(2, Lossy = 3)] [Dense(1)] public partial class Net { }" },
        { "missing class name", "[Network(2)] [Dense(1)] public partial class { }" },
        { "layers split across partial declarations", "[Network(2)] [Dense(3)] public partial class Net { } [Dense(1)] public partial class Net { }" },
        { "two network attributes", "[Network(2)] [Network(3)] [Dense(1)] public partial class Net { }" },
        { "network attributes on two partial declarations", "[Network(2)] [Dense(1)] public partial class Net { } [Network(2)] public partial class Net { }" },
        { "two classes without names", "[Network(2)] [Dense(1)] public partial class { } [Network(3)] [Dense(1)] public partial class { }" },
        { "a containing class without a name", "public partial class { [Network(2)] [Dense(1)] public partial class Net { } }" },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void An_invalid_declaration_generates_nothing_and_does_not_throw(string problem, string declaration)
    {
        Compilation compilation = GeneratorHarness.Compile("using NetGen;\n\nnamespace Samples;\n\n" + declaration);
        (GeneratorRunResult result, _, var diagnostics) = GeneratorHarness.Run(compilation);
        Assert.True(result.Exception is null, $"{problem}: the generator threw {result.Exception}");
        Assert.True(result.GeneratedSources.IsEmpty, $"{problem}: the generator emitted {string.Join(", ", result.GeneratedSources.Select(source => source.HintName))}");
        Assert.Empty(diagnostics);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_valid_declaration_next_to_invalid_ones_is_still_generated()
    {
        Compilation compilation = GeneratorHarness.Compile("""
            using NetGen;

            namespace Samples;

            [Network(2)] [Dense(-1)] public partial class Broken { }

            [Network(2)] [Dense(1)] public partial class Working { }

            [Network(] public partial class HalfTyped { }
            """);
        (GeneratorRunResult result, _, _) = GeneratorHarness.Run(compilation);
        Assert.Null(result.Exception);
        Assert.NotEmpty(result.GeneratedSources);
        Assert.All(result.GeneratedSources, source => Assert.StartsWith("Samples.Working.", source.HintName, System.StringComparison.Ordinal));
    }

    [Fact]
    public void Source_that_is_not_CSharp_at_all_does_not_throw()
    {
        (GeneratorRunResult result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile("[Network(2)] [Dense(1)] ]] partial class {{ ;; Network( )"));
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
    }
}
