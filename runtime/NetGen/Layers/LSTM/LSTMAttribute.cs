using System;

#if NETGEN_GENERATOR
namespace NetGen.Generator.Vocabulary;
#else
namespace NetGen;
#endif

/// <summary>
/// A long short-term memory over a sequence <c>(T, F)</c>, PyTorch's <c>nn.LSTM(F, units, batch_first=True)</c>:
/// at each step the gates <c>i = s(.)</c>, <c>f = s(.)</c>, <c>g = tanh(.)</c> and <c>o = s(.)</c> of
/// <c>W_i* x + b_i* + W_h* h + b_h*</c>, then <c>c' = f * c + i * g</c> and <c>h' = o * tanh(c')</c>, from
/// <c>h = c = 0</c>. It gives the last state <c>h</c> <c>(units)</c>, or every one <c>(T, units)</c> when
/// <see cref="ReturnSequences"/> is set. Its parameters are <c>weight_ih_l0</c> <c>[4 units, F]</c>,
/// <c>weight_hh_l0</c> <c>[4 units, units]</c>, <c>bias_ih_l0</c> and <c>bias_hh_l0</c> <c>[4 units]</c>
/// (gates i, f, g, o), initialised <c>U(-1/sqrt(units), 1/sqrt(units))</c> as PyTorch does. It is causal: a
/// network of causal layers streams one step per call with <c>PredictStep</c>.
/// </summary>
/// <param name="units">The size of the state; at least 1.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LSTMAttribute(int units) : Attribute
{
    /// <summary>The size of the state.</summary>
    public int Units { get; } = units;

    /// <summary>Whether the layer gives its state at every step, <c>(T, units)</c>, rather than only the last one, <c>(units)</c>.
    /// Set it on every recurrent layer but the last of a stack, and on the last one for an output at every step.</summary>
    public bool ReturnSequences { get; set; }
}
