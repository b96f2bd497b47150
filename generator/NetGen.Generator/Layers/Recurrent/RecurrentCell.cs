using System;
using System.Collections.Generic;
using NetGen.Generator.Emit;

namespace NetGen.Generator.Layers.Recurrent;

/// <summary>The values the gate math of one vector of units starts from in the forward direction.</summary>
/// <param name="Sum">Gate g's sum: <c>x W_i + b_i + h W_h + b_h</c> for a gate that adds its input part in (<see cref="RecurrentCell.AddsInput"/>),
/// else its recurrent part <c>h W_h + b_h</c> alone.</param>
/// <param name="InputPart">Gate g's input part <c>x W_i + b_i</c>, for a gate that keeps it apart.</param>
/// <param name="PreviousHidden">The state h entering the step.</param>
/// <param name="PreviousCell">The cell c entering the step (LSTM), or null.</param>
/// <param name="Suffix">Added to every local's name, so that several vectors' math can share a block.</param>
internal sealed record CellForward(Func<int, string> Sum, Func<int, string> InputPart, string PreviousHidden, string? PreviousCell, string Suffix);

/// <summary>What the forward gate math leaves in locals: the new state, the new cell, and what the backward pass needs, block by block.</summary>
internal sealed record CellForwardResult(string Hidden, string? Cell, IReadOnlyList<string> Saved);

/// <summary>The values the gate math of one vector of units starts from in the backward direction.</summary>
/// <param name="HiddenGradient">The gradient with respect to the state the step gave.</param>
/// <param name="Saved">Block b of what the forward step kept.</param>
/// <param name="PreviousHidden">The state h entering the step.</param>
/// <param name="PreviousCell">The cell c entering the step (LSTM), or null.</param>
/// <param name="CellGradient">The gradient reaching the step's cell from the next step (LSTM), or null.</param>
internal sealed record CellBackward(string HiddenGradient, Func<int, string> Saved, string PreviousHidden, string? PreviousCell, string? CellGradient);

/// <summary>What the backward gate math leaves in locals: the gradients with respect to each gate's input and recurrent sums, and what
/// flows to the step before through the gates' products (the state) and the cell.</summary>
internal sealed record CellBackwardResult(IReadOnlyList<string> InputGradients, IReadOnlyList<string> RecurrentGradients, string? Direct, string? CellCarry);

/// <summary>
/// The gates of a recurrent layer and their math on one vector of units, written for any instruction set: the GRU's r, z, n or the
/// LSTM's i, f, g, o. The layer's kernels do the products and the memory; the cell writes what happens between them.
/// </summary>
internal abstract class RecurrentCell : IEquatable<RecurrentCell>
{
    /// <summary>The attribute's name: <c>GRU</c> or <c>LSTM</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The number of gates, G.</summary>
    public abstract int Gates { get; }

    /// <summary>The gates in PyTorch's order, for comments.</summary>
    public abstract string GateNames { get; }

    /// <summary>The blocks of padded units a training step keeps for the backward pass.</summary>
    public abstract int SavedBlocks { get; }

    /// <summary>What those blocks are, for comments.</summary>
    public abstract string SavedNames { get; }

    /// <summary>Whether the cell carries a memory cell c besides the state h (LSTM).</summary>
    public abstract bool HasCell { get; }

    /// <summary>Whether the gradient with respect to a recurrent sum differs from the one with respect to the input sum of the same gate.</summary>
    public abstract bool SeparateRecurrentGradient { get; }

    /// <summary>Whether gate <paramref name="gate"/> adds its input part into its sum before the gate function (all but the GRU's n).</summary>
    public virtual bool AddsInput(int gate) => true;

    /// <summary>The gate whose recurrent sum a streamed step needs last (the GRU's z, the LSTM's o): its products go after the
    /// other gates', which then complete first (see <see cref="RecurrentStepKernel"/>).</summary>
    public abstract int LateGate { get; }

    /// <summary>The runtime's class that <see cref="RecurrentLayerInfoName"/> names.</summary>
    public string RecurrentLayerInfoName => $"global::NetGen.{Kind}LayerInfo";

    /// <summary>Writes the gate math of one vector: the new state (and cell) and the saved blocks, as locals.</summary>
    public abstract CellForwardResult EmitForward(CodeWriter code, Isa isa, CellForward operands);

    /// <summary>Writes the gate math of one vector for a streamed step, where nothing is kept for a backward pass: the new state
    /// (and cell) as locals, in the order that leaves the fewest operations after each gate function's division (see
    /// <c>GateActivations.SigmoidQuotient</c>). The values equal <see cref="EmitForward"/>'s to rounding.</summary>
    public virtual CellForwardResult EmitStep(CodeWriter code, Isa isa, CellForward operands) => EmitForward(code, isa, operands);

    /// <summary>Writes the gradient through the gate math of one vector, as locals.</summary>
    public abstract CellBackwardResult EmitBackward(CodeWriter code, Isa isa, CellBackward operands);

    public bool Equals(RecurrentCell? other) => other is not null && other.GetType() == GetType();

    public override bool Equals(object? obj) => Equals(obj as RecurrentCell);

    public override int GetHashCode() => Kind.GetHashCode();

    /// <summary>Declares <paramref name="name"/> with <paramref name="suffix"/> as <paramref name="value"/> and returns the local's name.</summary>
    protected static string Let(CodeWriter code, Isa isa, string name, string suffix, string value)
    {
        code.Line($"{isa.VectorType} {name}{suffix} = {value};");
        return name + suffix;
    }

    /// <summary>A call of the runtime's gate function <paramref name="function"/> (Sigmoid or Tanh).</summary>
    protected static string Gate(string function, string argument) => $"global::NetGen.Kernels.GateActivations.{function}({argument})";

    /// <summary>Declares <paramref name="name"/> as the quotient of gate function <paramref name="function"/> (Sigmoid or Tanh)
    /// at <paramref name="argument"/>, and its numerator as <c>p</c> + the name's first letters; returns both locals' names.</summary>
    protected static (string Quotient, string Numerator) Quotient(CodeWriter code, Isa isa, string function, string name, string suffix, string argument)
    {
        string quotient = "d" + name + suffix;
        string numerator = "p" + name + suffix;
        code.Line($"{isa.VectorType} {quotient} = global::NetGen.Kernels.GateActivations.{function}Quotient({argument}, out {isa.VectorType} {numerator});");
        return (quotient, numerator);
    }

    /// <summary>A multiply-add as an operand: the scalar path writes it as a sum, which needs parentheses there.</summary>
    protected static string Operand(Isa isa, string multiplyAdd) => isa.IsScalar ? $"({multiplyAdd})" : multiplyAdd;

    /// <summary>The constant 1/2 as a vector.</summary>
    protected static string Half(Isa isa) => isa.Broadcast("0.5f");

    /// <summary><paramref name="expression"/> in parentheses when it is more than a name or a call, so that it can be an operand.</summary>
    protected static string P(string expression) => expression.Contains(" ") && !(expression.StartsWith("(", StringComparison.Ordinal) && expression.EndsWith(")", StringComparison.Ordinal)) ? $"({expression})" : expression;

    /// <summary>The constant 1 as a vector.</summary>
    protected static string One(Isa isa) => isa.Broadcast("1f");
}
