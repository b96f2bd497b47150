using System.Globalization;
using System.Text;
using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Layers;

/// <summary>What the normalisation kinds check alike.</summary>
internal static class Normalization
{
    /// <summary>Whether an epsilon can be added to a variance: positive and finite.</summary>
    public static bool EpsilonIsValid(float epsilon) => epsilon > 0f && !float.IsInfinity(epsilon);

    /// <summary>As declarations write the layer: <c>BatchNorm(ReLU)</c>, with the settings that differ from the defaults (as the
    /// runtime's layer descriptions write them).</summary>
    public static string Declaration(string name, Activation activation, float? momentum, float epsilon)
    {
        var defaults = new BatchNormAttribute();
        var text = new StringBuilder(name).Append('(').Append(activation);
        if (momentum is float value && value != defaults.Momentum)
        {
            text.Append(", Momentum = ").Append(value.ToString("R", CultureInfo.InvariantCulture));
        }

        if (epsilon != defaults.Epsilon)
        {
            text.Append(", Epsilon = ").Append(epsilon.ToString("R", CultureInfo.InvariantCulture));
        }

        return text.Append(')').ToString();
    }

    /// <summary>Whether a later layer reads the tensor this layer receives (a skip connection), so that it must stay as it is.</summary>
    public static bool ReadLater(LayerContext context)
    {
        for (int j = context.Index + 1; j < context.Network.Layers.Count; j++)
        {
            var spec = context.Network.Layers[j];
            if (spec.Kind.ReadsInputOf(spec, j) == context.Index)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Copies two per-channel tensors stored one padded channel row apart at <paramref name="buffer"/> (<paramref name="reference"/>
    /// the block or slab they are in) to <c>destination</c> from <paramref name="canonicalOffset"/> on, one after the other, in PyTorch's order.</summary>
    public static void EmitPairToCanonical(PassWriter w, TensorPlan input, string reference, string buffer, long canonicalOffset, string factor)
    {
        int channels = input.Channels;
        int padded = MemoryPlan.Pad(channels);
        ChannelOrder.Emit(w, input, (canonical, own) =>
            $"destination[{Offset(canonicalOffset, canonical)}] = Unsafe.Add(ref {reference}, {buffer} + {own}){factor}; destination[{Offset(canonicalOffset + channels, canonical)}] = Unsafe.Add(ref {reference}, {buffer} + {padded} + {own}){factor};");
    }

    /// <summary>The reverse of <see cref="EmitPairToCanonical"/>, from <c>source</c>.</summary>
    public static void EmitPairFromCanonical(PassWriter w, TensorPlan input, string reference, string buffer, long canonicalOffset)
    {
        int channels = input.Channels;
        int padded = MemoryPlan.Pad(channels);
        ChannelOrder.Emit(w, input, (canonical, own) =>
            $"Unsafe.Add(ref {reference}, {buffer} + {own}) = source[{Offset(canonicalOffset, canonical)}]; Unsafe.Add(ref {reference}, {buffer} + {padded} + {own}) = source[{Offset(canonicalOffset + channels, canonical)}];");
    }

    /// <summary>Sets the first tensor (a weight, a running variance) at <paramref name="buffer"/> to one for every channel.</summary>
    public static void EmitOnes(PassWriter w, int channels, params string[] buffers)
    {
        w.Open($"for (int c = 0; c < {channels}; c++)");
        foreach (string buffer in buffers)
        {
            w.Line($"Unsafe.Add(ref s, {buffer} + c) = 1f;");
        }

        w.Close();
    }

    private static string Offset(long start, string index) => start == 0 ? index : $"{Int(start)} + {index}";
}
