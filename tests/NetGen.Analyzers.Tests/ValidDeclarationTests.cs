using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Analyzers.Tests.Infrastructure;
using Xunit;
using static NetGen.Analyzers.Tests.Infrastructure.Expect;

namespace NetGen.Analyzers.Tests;

/// <summary>Valid declarations in every form the contract allows produce no diagnostic and generate members that compile.</summary>
public class ValidDeclarationTests
{
    [Fact]
    public void The_contracts_example_is_clean_and_generates_its_fixed_size_buffers()
    {
        BuildResult result = Clean("""
            using NetGen;

            [Network(784, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam,
                     LearningRate = 1e-3f, BatchSize = 32)]
            [Dense(128, Activation.ReLU)]
            [Dropout(0.2f)]
            [Dense(10, Activation.Softmax)]
            public partial class MnistNet { }

            public static class Use
            {
                public static float Run()
                {
                    var network = new MnistNet(seed: 42);
                    var image = new MnistNet.Input();
                    MnistNet.Output probabilities = network.Predict(image);
                    return probabilities[0] + network.TrainStep(image, probabilities) + MnistNet.ParameterCount;
                }
            }
            """);
        Assert.Contains("MnistNet.FixedBuffers.g.cs", result.GeneratedFiles);
    }

    [Fact]
    public void Nested_types_of_every_kind_are_clean()
    {
        Clean("""
            using NetGen;

            namespace Outer.Inner
            {
                public partial class Host
                {
                    [Network(2)]
                    [Dense(1)]
                    internal sealed partial class InClass { }

                    public partial struct Value
                    {
                        [Network(2)]
                        [Dense(1)]
                        private partial class InStruct { }
                    }

                    public partial record Data
                    {
                        [Network(2)]
                        [Dense(1)]
                        protected partial class InRecord { }
                    }
                }

                public partial interface IHost
                {
                    [Network(2)]
                    [Dense(1)]
                    public partial class InInterface { }
                }
            }
            """);
    }

    [Fact]
    public void File_scoped_namespace_is_clean()
    {
        Clean("""
            using NetGen;

            namespace Models.Scoped;

            [Network(3, Loss = Loss.BinaryCrossEntropy)]
            [Dense(4, Activation.GELU)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Scoped { }
            """);
    }

    [Fact]
    public void Aliases_and_fully_qualified_attribute_names_are_clean()
    {
        Clean("""
            using NN = NetGen;
            using Act = NetGen.Activation;

            [NN.Network(3, Loss = NN.Loss.CategoricalCrossEntropy)]
            [NN.Dense(4, Act.Tanh)]
            [NN.DenseAttribute(2, activation: Act.Softmax)]
            public partial class Aliased { }

            [global::NetGen.NetworkAttribute(3, Optimizer = global::NetGen.Optimizer.RMSProp)]
            [global::NetGen.Dropout(rate: 0.1f)]
            [global::NetGen.Dense(units: 2, activation: global::NetGen.Activation.ELU)]
            public partial class Qualified { }
            """);
    }

    [Fact]
    public void Several_networks_in_one_file_each_generate_their_own_members()
    {
        BuildResult result = Clean("""
            using NetGen;

            [Network(2)]
            [Dense(1)]
            public partial class First { }

            [Network(5, Optimizer = Optimizer.Nesterov, BatchSize = 1)]
            [Dense(3, Activation.LeakyReLU)]
            [Dense(2)]
            public partial class Second { }

            [Network(1, Loss = Loss.Huber, Optimizer = Optimizer.AdaGrad)]
            [Dense(1)]
            public partial class Third { }

            public static class Use
            {
                public static int Sizes() => First.InputSize + Second.OutputSize + Third.ParameterCount;
            }
            """);
        Assert.Equal(3, result.GeneratedFiles.Count(name => name.EndsWith(".FixedBuffers.g.cs", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void Partial_class_split_over_files_with_layers_next_to_network_is_clean()
    {
        Clean(
            """
            using NetGen;

            [Network(2, Optimizer = Optimizer.AdamW, WeightDecay = 0.01f)]
            [Dense(4, Activation.ReLU)]
            [Dense(1)]
            public partial class Split { }
            """,
            """
            public partial class Split
            {
                public float Score() => Predict(new Input())[0];
            }
            """);
    }

    [Fact]
    public void Fixed_size_buffers_are_left_out_when_their_names_are_taken_or_already_mean_a_type()
    {
        BuildResult result = Clean("""
            using NetGen;

            [Network(2)]
            [Dense(1)]
            public partial class Taken
            {
                public int Input { get; set; }
            }

            [Network(2)]
            [Dense(1)]
            public partial class Output { }

            namespace Models
            {
                public record Input(float X, float Y);

                [Network(2)]
                [Dense(1)]
                public partial class UsesOuterInput
                {
                    public float Score(Input input) => input.X + input.Y;
                }
            }
            """);
        Assert.DoesNotContain(result.GeneratedFiles, name => name.EndsWith(".FixedBuffers.g.cs", System.StringComparison.Ordinal));
        Assert.Contains("Taken.g.cs", result.GeneratedFiles);
    }

    [Fact]
    public void Fixed_size_buffers_are_left_out_before_CSharp_12()
    {
        BuildResult result = TestProject.Build(TestProject.Compile(
            [
                """
                using NetGen;

                [Network(2)]
                [Dense(1)]
                public partial class Older { }
                """,
            ],
            new CSharpParseOptions(LanguageVersion.CSharp11)));
        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.GeneratedFiles, name => name.EndsWith(".FixedBuffers.g.cs", System.StringComparison.Ordinal));
        Assert.Contains("Older.g.cs", result.GeneratedFiles);
    }
}
