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
    public async Task NG0021_fix_adds_softmax_when_the_activation_is_omitted()
    {
        string text = await CodeFixRunner.FixAsync(new SetActivationCodeFixProvider(), """
            using NetGen;

            [Network(4, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(3)]
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
    public async Task NG0021_fix_keeps_a_qualified_name_and_names_the_added_argument_after_named_ones()
    {
        string text = await CodeFixRunner.FixAsync(new SetActivationCodeFixProvider(), """
            [NetGen.Network(4, Loss = NetGen.Loss.CategoricalCrossEntropy)]
            [NetGen.Dense(units: 3)]
            public partial class Net { }
            """, "NG0021", "Use Activation.Softmax");
        Assert.Equal("""
            [NetGen.Network(4, Loss = NetGen.Loss.CategoricalCrossEntropy)]
            [NetGen.Dense(units: 3, activation: NetGen.Activation.Softmax)]
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
}
