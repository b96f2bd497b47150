using System.Threading.Tasks;
using NetGen.Analyzers.Tests.Infrastructure;
using NetGen.CodeFixes;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>The exact text after each code fix, and that the diagnostic it fixes is gone.</summary>
public class CodeFixTests
{
    [Fact]
    public async Task NG0001_fix_adds_partial_after_the_other_modifiers()
    {
        string text = await CodeFixRunner.FixAsync(new MakePartialCodeFixProvider(), """
            using NetGen;

            [Network(4)]
            [Dense(2)]
            public sealed class Net { }
            """, "NG0001", "Make 'Net' partial");
        Assert.Equal("""
            using NetGen;

            [Network(4)]
            [Dense(2)]
            public sealed partial class Net { }
            """, text);
    }

    [Fact]
    public async Task NG0001_fix_adds_partial_to_a_class_without_modifiers()
    {
        string text = await CodeFixRunner.FixAsync(new MakePartialCodeFixProvider(), """
            using NetGen;

            namespace Models
            {
                [Network(4)]
                [Dense(2)]
                class Net { }
            }
            """, "NG0001", "Make 'Net' partial");
        Assert.Equal("""
            using NetGen;

            namespace Models
            {
                [Network(4)]
                [Dense(2)]
                partial class Net { }
            }
            """, text);
    }

    [Fact]
    public async Task NG0004_fix_makes_the_containing_type_partial()
    {
        string text = await CodeFixRunner.FixAsync(new MakePartialCodeFixProvider(), """
            using NetGen;

            internal static class Outer
            {
                [Network(4)]
                [Dense(2)]
                public partial class Net { }
            }
            """, "NG0004", "Make 'Outer' partial");
        Assert.Equal("""
            using NetGen;

            internal static partial class Outer
            {
                [Network(4)]
                [Dense(2)]
                public partial class Net { }
            }
            """, text);
    }

    [Fact]
    public async Task NG0020_fix_changes_the_output_activation_to_sigmoid()
    {
        string text = await CodeFixRunner.FixAsync(new SetActivationCodeFixProvider(), """
            using NetGen;

            [Network(4, Loss = Loss.BinaryCrossEntropy)]
            [Dense(8, Activation.ReLU)]
            [Dense(1, Activation.ReLU)]
            public partial class Net { }
            """, "NG0020", "Use Activation.Sigmoid");
        Assert.Equal("""
            using NetGen;

            [Network(4, Loss = Loss.BinaryCrossEntropy)]
            [Dense(8, Activation.ReLU)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, text);
    }

    [Fact]
    public async Task NG0020_and_NG0021_offer_the_matching_activation_first_and_logits_second()
    {
        const string logits = "Output logits: use Activation.None (the loss applies the activation)";
        Assert.Equal(
            ["Use Activation.Sigmoid", logits],
            await CodeFixRunner.TitlesAsync(new SetActivationCodeFixProvider(), """
                using NetGen;

                [Network(4, Loss = Loss.BinaryCrossEntropy)]
                [Dense(1, Activation.Tanh)]
                public partial class Net { }
                """, "NG0020"));
        Assert.Equal(
            ["Use Activation.Softmax", logits],
            await CodeFixRunner.TitlesAsync(new SetActivationCodeFixProvider(), """
                using NetGen;

                [Network(4, Loss = Loss.SparseCategoricalCrossEntropy)]
                [Dense(3, Activation.Sigmoid)]
                public partial class Net { }
                """, "NG0021"));
    }

    [Fact]
    public async Task NG0021_fix_changes_the_output_activation_to_softmax()
    {
        string text = await CodeFixRunner.FixAsync(new SetActivationCodeFixProvider(), """
            using NetGen;

            [Network(4, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(3, Activation.ReLU)]
            public partial class Net { }
            """, "NG0021", "Use Activation.Softmax");
        Assert.Equal("""
            using NetGen;

            [Network(4, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(3, Activation.Softmax)]
            public partial class Net { }
            """, text);
    }

    [Fact]
    public async Task NG0021_logits_fix_sets_no_activation()
    {
        string text = await CodeFixRunner.FixAsync(new SetActivationCodeFixProvider(), """
            using NetGen;

            [Network(4, Loss = Loss.SparseCategoricalCrossEntropy)]
            [Dense(3, Activation.Tanh)]
            public partial class Net { }
            """, "NG0021", "Output logits: use Activation.None (the loss applies the activation)");
        Assert.Equal("""
            using NetGen;

            [Network(4, Loss = Loss.SparseCategoricalCrossEntropy)]
            [Dense(3, Activation.None)]
            public partial class Net { }
            """, text);
    }

    [Fact]
    public async Task NG0050_fix_keeps_a_qualified_name_and_names_the_added_argument_after_named_ones()
    {
        string text = await CodeFixRunner.FixAsync(new SetActivationCodeFixProvider(), """
            [NetGen.Network(4)]
            [NetGen.Dense(units: 8)]
            [NetGen.Dense(2)]
            public partial class Net { }
            """, "NG0050", "Use Activation.ReLU");
        Assert.Equal("""
            [NetGen.Network(4)]
            [NetGen.Dense(units: 8, activation: NetGen.Activation.ReLU)]
            [NetGen.Dense(2)]
            public partial class Net { }
            """, text);
    }

    [Fact]
    public async Task NG0021_fix_replaces_a_cast_with_the_enum_member()
    {
        string text = await CodeFixRunner.FixAsync(new SetActivationCodeFixProvider(), """
            using NetGen;

            [Network(4, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(3, (Activation)1)]
            public partial class Net { }
            """, "NG0021", "Use Activation.Softmax");
        Assert.Equal("""
            using NetGen;

            [Network(4, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(3, Activation.Softmax)]
            public partial class Net { }
            """, text);
    }

    [Fact]
    public async Task NG0050_fix_adds_relu_between_two_linear_layers()
    {
        string text = await CodeFixRunner.FixAsync(new SetActivationCodeFixProvider(), """
            using NetGen;

            [Network(4)]
            [Dense(8)]
            [Dense(2)]
            public partial class Net { }
            """, "NG0050", "Use Activation.ReLU");
        Assert.Equal("""
            using NetGen;

            [Network(4)]
            [Dense(8, Activation.ReLU)]
            [Dense(2)]
            public partial class Net { }
            """, text);
    }

    [Fact]
    public async Task NG0053_fix_inserts_flatten_before_the_dense_layer()
    {
        string text = await CodeFixRunner.FixAsync(new InsertFlattenCodeFixProvider(), """
            using NetGen;

            namespace Models
            {
                [Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy)]
                [Dense(10, Activation.Softmax)]
                public partial class Net { }
            }
            """, "NG0053", "Insert [Flatten] before this layer");
        Assert.Equal("""
            using NetGen;

            namespace Models
            {
                [Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy)]
                [Flatten]
                [Dense(10, Activation.Softmax)]
                public partial class Net { }
            }
            """, text);
    }

    [Fact]
    public async Task NG0053_fix_inserts_flatten_into_a_shared_attribute_list()
    {
        string text = await CodeFixRunner.FixAsync(new InsertFlattenCodeFixProvider(), """
            using NetGen;

            [Network(16, 1), Dense(4, Activation.ReLU), Dense(1)]
            public partial class Net { }
            """, "NG0053", "Insert [Flatten] before this layer");
        Assert.Equal("""
            using NetGen;

            [Network(16, 1), Flatten, Dense(4, Activation.ReLU), Dense(1)]
            public partial class Net { }
            """, text);
    }

    [Fact]
    public async Task NG0055_fix_changes_sgd_to_momentum()
    {
        string text = await CodeFixRunner.FixAsync(new ChangeOptimizerCodeFixProvider(), """
            using NetGen;

            [Network(4, Optimizer = Optimizer.Sgd, Momentum = 0.9f)]
            [Dense(1)]
            public partial class Net { }
            """, "NG0055", "Use Optimizer.Momentum");
        Assert.Equal("""
            using NetGen;

            [Network(4, Optimizer = Optimizer.Momentum, Momentum = 0.9f)]
            [Dense(1)]
            public partial class Net { }
            """, text);
    }

    [Fact]
    public async Task NG0055_fix_adds_the_optimizer_when_the_default_one_ignores_the_setting()
    {
        string text = await CodeFixRunner.FixAsync(new ChangeOptimizerCodeFixProvider(), """
            using NetGen;

            [Network(4, Rho = 0.9f)]
            [Dense(1)]
            public partial class Net { }
            """, "NG0055", "Use Optimizer.RMSProp");
        Assert.Equal("""
            using NetGen;

            [Network(4, Rho = 0.9f, Optimizer = Optimizer.RMSProp)]
            [Dense(1)]
            public partial class Net { }
            """, text);
    }

    [Fact]
    public async Task NG0056_fix_reads_the_constant_through_the_type()
    {
        string text = await CodeFixRunner.FixAsync(new QualifyConstantCodeFixProvider(), """
            using NetGen;

            [Network(4)]
            [Dense(1)]
            public partial class Net
            {
                public const int ParameterCount = 5; // as generated: the code-fix workspace runs the analyzers, not the generator
                public static int Count(Net net) => net.ParameterCount;
            }
            """, "NG0056", "Use Net.ParameterCount");
        Assert.Equal("""
            using NetGen;

            [Network(4)]
            [Dense(1)]
            public partial class Net
            {
                public const int ParameterCount = 5; // as generated: the code-fix workspace runs the analyzers, not the generator
                public static int Count(Net net) => Net.ParameterCount;
            }
            """, text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("NetGen.SetActivation.Softmax")]
    [InlineData("NetGen.MakePartial")]
    public async Task Fix_all_applies_every_NG0021_fix_in_a_document_whatever_key_a_batch_tool_passes(string? key)
    {
        string text = await CodeFixRunner.FixAllAsync(new SetActivationCodeFixProvider(), """
            using NetGen;

            [Network(4, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(3, Activation.ReLU)]
            public partial class A { }

            [Network(4, Loss = Loss.SparseCategoricalCrossEntropy)]
            [Dense(8, Activation.ReLU)]
            [Dense(5, Activation.Tanh)]
            public partial class B { }
            """, "NG0021", key);
        Assert.Equal("""
            using NetGen;

            [Network(4, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(3, Activation.Softmax)]
            public partial class A { }

            [Network(4, Loss = Loss.SparseCategoricalCrossEntropy)]
            [Dense(8, Activation.ReLU)]
            [Dense(5, Activation.Softmax)]
            public partial class B { }
            """, text);
    }

    [Fact]
    public async Task Fix_all_with_the_logits_key_applies_the_logits_fix()
    {
        string text = await CodeFixRunner.FixAllAsync(new SetActivationCodeFixProvider(), """
            using NetGen;

            [Network(4, Loss = Loss.BinaryCrossEntropy)]
            [Dense(1, Activation.Tanh)]
            public partial class A { }

            [Network(4, Loss = Loss.BinaryCrossEntropy)]
            [Dense(1, Activation.ReLU)]
            public partial class B { }
            """, "NG0020", "NetGen.SetActivation.None");
        Assert.Equal("""
            using NetGen;

            [Network(4, Loss = Loss.BinaryCrossEntropy)]
            [Dense(1, Activation.None)]
            public partial class A { }

            [Network(4, Loss = Loss.BinaryCrossEntropy)]
            [Dense(1, Activation.None)]
            public partial class B { }
            """, text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("NetGen.SetActivation.Softmax")]
    public async Task Fix_all_makes_every_network_and_containing_type_partial(string? key)
    {
        string text = await CodeFixRunner.FixAllAsync(new MakePartialCodeFixProvider(), """
            using NetGen;

            [Network(4)]
            [Dense(2)]
            public class A { }

            [Network(4)]
            [Dense(2)]
            public sealed class B { }
            """, "NG0001", key);
        Assert.Equal("""
            using NetGen;

            [Network(4)]
            [Dense(2)]
            public partial class A { }

            [Network(4)]
            [Dense(2)]
            public sealed partial class B { }
            """, text);
    }

    [Fact]
    public async Task Fix_all_composes_several_fixes_in_one_declaration()
    {
        string text = await CodeFixRunner.FixAllAsync(new SetActivationCodeFixProvider(), """
            using NetGen;

            [Network(4)]
            [Dense(8)]
            [Dense(8)]
            [Dense(2)]
            public partial class Net { }
            """, "NG0050", null);
        Assert.Equal("""
            using NetGen;

            [Network(4)]
            [Dense(8, Activation.ReLU)]
            [Dense(8, Activation.ReLU)]
            [Dense(2)]
            public partial class Net { }
            """, text);
    }

    [Fact]
    public async Task Fix_all_inserts_flatten_and_changes_optimizers_and_constants_in_a_document()
    {
        string flattened = await CodeFixRunner.FixAllAsync(new InsertFlattenCodeFixProvider(), """
            using NetGen;

            [Network(28, 28, 1, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(10, Activation.Softmax)]
            public partial class A { }

            [Network(8, 8, 1, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(4, Activation.Softmax)]
            public partial class B { }
            """, "NG0053", null);
        Assert.Equal(2, flattened.Split("[Flatten]").Length - 1);

        string optimizers = await CodeFixRunner.FixAllAsync(new ChangeOptimizerCodeFixProvider(), """
            using NetGen;

            [Network(4, Optimizer = Optimizer.Sgd, Momentum = 0.9f)]
            [Dense(1)]
            public partial class A { }

            [Network(4, Optimizer = Optimizer.Momentum, Beta1 = 0.8f)]
            [Dense(1)]
            public partial class B { }
            """, "NG0055", null);
        Assert.Contains("[Network(4, Optimizer = Optimizer.Momentum, Momentum = 0.9f)]", optimizers, System.StringComparison.Ordinal);
        Assert.Contains("[Network(4, Optimizer = Optimizer.Adam, Beta1 = 0.8f)]", optimizers, System.StringComparison.Ordinal);

        string constants = await CodeFixRunner.FixAllAsync(new QualifyConstantCodeFixProvider(), """
            using NetGen;

            [Network(4)]
            [Dense(1)]
            public partial class Net
            {
                public const int InputSize = 4, OutputSize = 1; // as generated: the code-fix workspace runs the analyzers, not the generator
                public static int Sizes(Net net) => net.InputSize + net.OutputSize;
            }
            """, "NG0056", null);
        Assert.Contains("=> Net.InputSize + Net.OutputSize;", constants, System.StringComparison.Ordinal);
    }
}
