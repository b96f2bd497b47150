using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Model;

/// <summary>A type that contains the network class, outermost first, as it must be re-declared around the generated part.</summary>
/// <param name="Keyword">The declaration keyword(s): <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The name with its type parameter list, if any.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);

/// <summary>
/// Everything the emitter needs to know about one network, as plain values: no symbols, no syntax,
/// no locations. Two equal specs always produce the same source.
/// </summary>
internal sealed record NetworkSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string TypeName,
    Shape InputShape,
    int BatchSize,
    Loss Loss,
    Optimizer Optimizer,
    HyperparameterSpec Hyperparameters,
    EquatableArray<LayerSpec> Layers)
{
    /// <summary>Whether the generated part includes the fixed-size buffer types <c>Input</c> and
    /// <c>Output</c> and the overloads taking them (C# 12 and .NET 8 or newer, names free).</summary>
    public bool FixedBuffers { get; init; }

    /// <summary>Whether the generated part is portable code (see <see cref="Parsing.CodePath"/>): C# 9 syntax, the scalar
    /// kernels only, called without a dispatch, and nothing from <c>System.Runtime.Intrinsics</c>.</summary>
    public bool Portable { get; init; }

    /// <summary>The output activation a cross-entropy loss fuses with (computing the loss and its gradient from that
    /// layer's pre-activation): Sigmoid for the binary one, Softmax for the categorical ones; null for other losses.</summary>
    public Activation? FusedActivation => Loss switch
    {
        Loss.BinaryCrossEntropy => Activation.Sigmoid,
        Loss.CategoricalCrossEntropy or Loss.SparseCategoricalCrossEntropy => Activation.Softmax,
        _ => null,
    };

    /// <summary>The name of the hint file: the fully qualified type name without characters file systems dislike.</summary>
    public string HintName
    {
        get
        {
            var name = new System.Text.StringBuilder();
            if (Namespace is not null)
            {
                name.Append(Namespace).Append('.');
            }

            foreach (ContainingTypeSpec type in ContainingTypes)
            {
                name.Append(type.Name).Append('.');
            }

            name.Append(TypeName);
            foreach (char bad in new[] { '<', '>', ',', ' ' })
            {
                name.Replace(bad, '_');
            }

            return name.ToString();
        }
    }
}
