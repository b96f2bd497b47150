using NetGen.Generator.Layers.Recurrent;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.GRU;

/// <summary><c>[GRU(units, ReturnSequences = ...)]</c> as declared.</summary>
internal sealed record GRUSpec(int Units, bool ReturnSequences) : LayerSpec, IRecurrentSpec
{
    public override LayerKind Kind => GRUKind.Instance;
}

/// <summary>The GRU layer kind: a recurrent layer (<see cref="RecurrentKind{TSpec}"/>) with the GRU's cell, <see cref="GRUCell"/>.</summary>
internal sealed class GRUKind : RecurrentKind<GRUSpec>
{
    public static GRUKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<GRUAttribute>();

    protected override RecurrentCell Cell => GRUCell.Instance;

    public override LayerSpec? Read(AttributeReader attribute)
        => attribute.TryInt(0, UnitsArgument, out int units) && attribute.TryNamedBool(nameof(GRUAttribute.ReturnSequences), false, out bool sequences)
            ? new GRUSpec(units, sequences)
            : null;
}
