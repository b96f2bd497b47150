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

    /// <inheritdoc/>
    /// <remarks>o: only the new state reads it (h = o tanh(c)), after the cell's gates.</remarks>
    public override int LateGate => 3;

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

    /// <summary>The step's form: with <c>f = 1/2 + df pf</c>, <c>o = 1/2 + do po</c> and <c>tanh(c') = dt pt</c> (each d ending
    /// in a division, each p ready before it), <c>c' = i g + (df (pf c) + c / 2)</c> and <c>h' = dt (pt o)</c>: the cell waits
    /// for one multiply-add after the gates' divisions and the state for one multiplication after the cell's, where the training
    /// form has two each.</summary>
    public override CellForwardResult EmitStep(CodeWriter code, Isa isa, CellForward o)
    {
        string s = o.Suffix;
        string half = Half(isa);
        string previous = P(o.PreviousCell!);
        (string di, string pi) = Quotient(code, isa, "Sigmoid", "i", s, o.Sum(0));
        (string df, string pf) = Quotient(code, isa, "Sigmoid", "f", s, o.Sum(1));
        (string dg, string pg) = Quotient(code, isa, "Tanh", "g", s, o.Sum(2));
        (string dout, string pout) = Quotient(code, isa, "Sigmoid", "o", s, o.Sum(3));
        string i = Let(code, isa, "i", s, isa.MultiplyAdd(di, pi, half));
        string g = Let(code, isa, "g", s, $"{dg} * {pg}");
        string c = Let(code, isa, "c", s, isa.MultiplyAdd(i, g, Operand(isa, isa.MultiplyAdd(df, $"({pf} * {previous})", $"({half} * {previous})"))));
        (string dt, string pt) = Quotient(code, isa, "Tanh", "tc", s, c);
        string og = Let(code, isa, "o", s, isa.MultiplyAdd(dout, pout, half));
        string h = Let(code, isa, "h", s, $"{dt} * ({pt} * {og})");
        return new CellForwardResult(h, c, System.Array.Empty<string>());
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
