using NetGen.Generator.Layers;

namespace NetGen.Generator.Model;

/// <summary>One layer attribute as declared, with its arguments as plain values. Each kind has its own record
/// in its folder under <c>Layers/</c>.</summary>
internal abstract record LayerSpec
{
    /// <summary>The kind that reads, plans and emits this layer.</summary>
    public abstract LayerKind Kind { get; }
}
