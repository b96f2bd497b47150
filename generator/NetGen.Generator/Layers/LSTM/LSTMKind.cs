using NetGen.Generator.Layers.Recurrent;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.LSTM;

/// <summary><c>[LSTM(units, ReturnSequences = ...)]</c> as declared.</summary>
internal sealed record LSTMSpec(int Units, bool ReturnSequences) : LayerSpec, IRecurrentSpec
{
    public override LayerKind Kind => LSTMKind.Instance;
}

/// <summary>The LSTM layer kind: a recurrent layer (<see cref="RecurrentKind{TSpec}"/>) with the LSTM's cell, <see cref="LSTMCell"/>.</summary>
internal sealed class LSTMKind : RecurrentKind<LSTMSpec>
{
    public static LSTMKind Instance { get; } = new();

    public override string AttributeName => RuntimeNames.Of<LSTMAttribute>();

    protected override RecurrentCell Cell => LSTMCell.Instance;

    public override LayerSpec? Read(AttributeReader attribute)
        => attribute.TryInt(0, UnitsArgument, out int units) && attribute.TryNamedBool(nameof(LSTMAttribute.ReturnSequences), false, out bool sequences)
            ? new LSTMSpec(units, sequences)
            : null;
}
