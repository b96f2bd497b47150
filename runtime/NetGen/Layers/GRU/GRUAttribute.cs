using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// A gated recurrent unit over a sequence <c>(T, F)</c>, PyTorch's <c>nn.GRU(F, units, batch_first=True)</c>:
/// at each step <c>r = s(W_ir x + b_ir + W_hr h + b_hr)</c>, <c>z = s(W_iz x + b_iz + W_hz h + b_hz)</c>,
/// <c>n = tanh(W_in x + b_in + r * (W_hn h + b_hn))</c> and <c>h' = (1 - z) * n + z * h</c>, from <c>h = 0</c>.
/// It gives the last state <c>(units)</c>, or every state <c>(T, units)</c> when <see cref="ReturnSequences"/> is set.
/// Its parameters are <c>weight_ih_l0</c> <c>[3 units, F]</c>, <c>weight_hh_l0</c> <c>[3 units, units]</c>,
/// <c>bias_ih_l0</c> and <c>bias_hh_l0</c> <c>[3 units]</c> (gates r, z, n), initialised
/// <c>U(-1/sqrt(units), 1/sqrt(units))</c> as PyTorch does. It is causal: a network of causal layers streams
/// one step per call with <c>PredictStep</c>.
/// </summary>
/// <param name="units">The size of the state; at least 1.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GRUAttribute(int units) : Attribute
{
    /// <summary>The size of the state.</summary>
    public int Units { get; } = units;

    /// <summary>Whether the layer gives its state at every step, <c>(T, units)</c>, rather than only the last one, <c>(units)</c>.
    /// Set it on every recurrent layer but the last of a stack, and on the last one for an output at every step.</summary>
    public bool ReturnSequences { get; set; }
}
