using NetGen.Generator.Emit;
using NetGen.Generator.Layers.Recurrent;

namespace NetGen.Generator.Layers.GRU;

/// <summary>
/// The GRU's gates as PyTorch computes them: <c>r = s(a_r)</c>, <c>z = s(a_z)</c> of the summed input and recurrent parts,
/// <c>n = tanh(i_n + r * (W_hn h + b_hn))</c> with the input part of n kept apart, and <c>h' = (1 - z) n + z h = n + z (h - n)</c>.
/// A training step keeps r, z, n and <c>W_hn h + b_hn</c>.
/// </summary>
internal sealed class GRUCell : RecurrentCell
{
    public static GRUCell Instance { get; } = new();

    public override string Kind => "GRU";

    public override int Gates => 3;

    /// <inheritdoc/>
    /// <remarks>z: only the new state reads it (h' = (1 - z) n + z h), after r and n.</remarks>
    public override int LateGate => 1;

    public override string GateNames => "r, z, n";

    public override int SavedBlocks => 4;

    public override string SavedNames => "r, z, n and W_hn h + b_hn";

    public override bool HasCell => false;

    public override bool SeparateRecurrentGradient => true;

    public override bool AddsInput(int gate) => gate != 2;

    public override CellForwardResult EmitForward(CodeWriter code, Isa isa, CellForward o)
    {
        string s = o.Suffix;
        string r = Let(code, isa, "r", s, Gate("Sigmoid", o.Sum(0)));
        string z = Let(code, isa, "z", s, Gate("Sigmoid", o.Sum(1)));
        string hn = Let(code, isa, "hn", s, o.Sum(2));
        string n = Let(code, isa, "n", s, Gate("Tanh", isa.MultiplyAdd(r, hn, P(o.InputPart(2)))));
        string h = Let(code, isa, "h", s, isa.MultiplyAdd(z, $"({o.PreviousHidden} - {n})", n));
        return new CellForwardResult(h, null, new[] { r, z, n, hn });
    }

    /// <summary>The step's form: with <c>r = 1/2 + dr pr</c>, <c>z = 1/2 + dz pz</c> and <c>n = dn pn</c> (each d ending in a
    /// division, each p ready before it), <c>r hn + i_n = dr (pr hn) + (hn / 2 + i_n)</c> and
    /// <c>h' = z h + (1 - z) n = dn (pn (1 - z)) + z h</c>: one multiply-add after each of the two divisions on the critical
    /// path, where the training form has two and three operations.</summary>
    public override CellForwardResult EmitStep(CodeWriter code, Isa isa, CellForward o)
    {
        string s = o.Suffix;
        string half = Half(isa);
        (string dr, string pr) = Quotient(code, isa, "Sigmoid", "r", s, o.Sum(0));
        (string dz, string pz) = Quotient(code, isa, "Sigmoid", "z", s, o.Sum(1));
        string hn = Let(code, isa, "hn", s, o.Sum(2));
        string argument = isa.MultiplyAdd(dr, $"({pr} * {hn})", Operand(isa, isa.MultiplyAdd(half, hn, P(o.InputPart(2)))));
        (string dn, string pn) = Quotient(code, isa, "Tanh", "n", s, argument);
        string z = Let(code, isa, "z", s, isa.MultiplyAdd(dz, pz, half));
        string h = Let(code, isa, "h", s, isa.MultiplyAdd(dn, $"({pn} * ({One(isa)} - {z}))", $"({z} * {P(o.PreviousHidden)})"));
        return new CellForwardResult(h, null, System.Array.Empty<string>());
    }

    /// <summary>From dh: dn = dh (1 - z), dz = dh (h_prev - n), and dh z straight to h_prev; then through tanh and the sigmoids.
    /// The recurrent sum of n gets its gradient times r.</summary>
    public override CellBackwardResult EmitBackward(CodeWriter code, Isa isa, CellBackward o)
    {
        string dh = o.HiddenGradient;
        string r = Let(code, isa, "r", string.Empty, o.Saved(0));
        string z = Let(code, isa, "z", string.Empty, o.Saved(1));
        string n = Let(code, isa, "n", string.Empty, o.Saved(2));
        string hn = Let(code, isa, "hn", string.Empty, o.Saved(3));
        string one = One(isa);
        string dan = Let(code, isa, "dan", string.Empty, $"{P(dh)} * ({one} - {z}) * ({one} - ({n} * {n}))");
        string dar = Let(code, isa, "dar", string.Empty, $"{dan} * {hn} * {r} * ({one} - {r})");
        string daz = Let(code, isa, "daz", string.Empty, $"{P(dh)} * ({o.PreviousHidden} - {n}) * {z} * ({one} - {z})");
        string dhn = Let(code, isa, "dhn", string.Empty, $"{dan} * {r}");
        string direct = Let(code, isa, "direct", string.Empty, $"{P(dh)} * {z}");
        return new CellBackwardResult(new[] { dar, daz, dan }, new[] { dar, daz, dhn }, direct, null);
    }
}
