using NetGen.Generator.Emit;
using NetGen.Generator.Layers.Recurrent;

namespace NetGen.Generator.Layers.LSTM;

/// <summary>
/// The LSTM's gates as PyTorch computes them: <c>i = s(a_i)</c>, <c>f = s(a_f)</c>, <c>g = tanh(a_g)</c>, <c>o = s(a_o)</c> of the
/// summed input and recurrent parts, then <c>c' = f c + i g</c> and <c>h' = o tanh(c')</c>. A training step keeps i, f, g, o and
/// <c>tanh(c')</c>; the gradients with respect to the input and recurrent sums are the same.
/// </summary>
internal sealed class LSTMCell : RecurrentCell
{
    public static LSTMCell Instance { get; } = new();

    public override string Kind => "LSTM";

    public override int Gates => 4;

    public override string GateNames => "i, f, g, o";

    public override int SavedBlocks => 5;

    public override string SavedNames => "i, f, g, o and tanh(c)";

    public override bool HasCell => true;

    public override bool SeparateRecurrentGradient => false;

    public override CellForwardResult EmitForward(CodeWriter code, Isa isa, CellForward o)
    {
        string s = o.Suffix;
        string i = Let(code, isa, "i", s, Gate("Sigmoid", o.Sum(0)));
        string f = Let(code, isa, "f", s, Gate("Sigmoid", o.Sum(1)));
        string g = Let(code, isa, "g", s, Gate("Tanh", o.Sum(2)));
        string og = Let(code, isa, "o", s, Gate("Sigmoid", o.Sum(3)));
        string c = Let(code, isa, "c", s, isa.MultiplyAdd(f, P(o.PreviousCell!), $"({i} * {g})"));
        string tc = Let(code, isa, "tc", s, Gate("Tanh", c));
        string h = Let(code, isa, "h", s, $"{og} * {tc}");
        return new CellForwardResult(h, c, new[] { i, f, g, og, tc });
    }

    /// <summary>From dh and the cell's gradient from the next step: dc = dc_next + dh o (1 - tanh(c)^2), then each gate's product
    /// and function; dc f flows to the step before.</summary>
    public override CellBackwardResult EmitBackward(CodeWriter code, Isa isa, CellBackward o)
    {
        string dh = o.HiddenGradient;
        string i = Let(code, isa, "i", string.Empty, o.Saved(0));
        string f = Let(code, isa, "f", string.Empty, o.Saved(1));
        string g = Let(code, isa, "g", string.Empty, o.Saved(2));
        string og = Let(code, isa, "o", string.Empty, o.Saved(3));
        string tc = Let(code, isa, "tc", string.Empty, o.Saved(4));
        string one = One(isa);
        string dc = Let(code, isa, "dc", string.Empty, isa.MultiplyAdd($"({P(dh)} * {og})", $"({one} - ({tc} * {tc}))", P(o.CellGradient!)));
        string dai = Let(code, isa, "dai", string.Empty, $"{dc} * {g} * {i} * ({one} - {i})");
        string daf = Let(code, isa, "daf", string.Empty, $"{dc} * {P(o.PreviousCell!)} * {f} * ({one} - {f})");
        string dag = Let(code, isa, "dag", string.Empty, $"{dc} * {i} * ({one} - ({g} * {g}))");
        string dao = Let(code, isa, "dao", string.Empty, $"{P(dh)} * {tc} * {og} * ({one} - {og})");
        string carry = Let(code, isa, "dcPrevious", string.Empty, $"{dc} * {f}");
        string[] gradients = { dai, daf, dag, dao };
        return new CellBackwardResult(gradients, gradients, null, carry);
    }
}
