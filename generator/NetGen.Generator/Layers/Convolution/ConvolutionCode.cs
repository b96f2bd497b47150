using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>
/// Small helpers the convolution and pooling kernels share: index expressions without multiplications by one or additions of
/// zero, and the loops over an output's rows and positions.
/// </summary>
internal static class ConvolutionCode
{
    /// <summary>The reduction of a kernel row's taps and channels is unrolled up to this many steps, a loop beyond.</summary>
    public const int UnrollLimit = 48;

    /// <summary><paramref name="expression"/> times <paramref name="factor"/>: <c>0</c>, the expression itself, or <c>expression * factor</c>.</summary>
    public static string Times(string expression, long factor)
        => factor == 0 || expression == "0" ? "0" : factor == 1 ? expression : $"{Parenthesized(expression)} * {factor.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The sum of <paramref name="terms"/>, zeros left out and constants folded into one.</summary>
    public static string Plus(params string[] terms)
    {
        long constant = 0;
        var parts = new List<string>();
        foreach (string term in terms)
        {
            if (long.TryParse(term, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number))
            {
                constant += number;
            }
            else
            {
                parts.Add(term);
            }
        }

        if (constant != 0 || parts.Count == 0)
        {
            parts.Add(constant.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 1 ? parts[0] : string.Join(" + ", parts.Select(Parenthesized));
    }

    /// <summary>A reference <paramref name="offset"/> floats after <paramref name="reference"/>: the reference itself for 0.</summary>
    public static string RefAt(string reference, string offset) => offset == "0" ? $"ref {reference}" : $"ref Unsafe.Add(ref {reference}, {offset})";

    /// <summary>Declares <paramref name="name"/> as a reference <paramref name="offset"/> floats after <paramref name="reference"/>.</summary>
    public static void DeclareRef(CodeWriter code, string name, string reference, string offset) => code.Line($"ref float {name} = {RefAt(reference, offset)};");

    /// <summary>Opens <c>for (int i = 0; i &lt; count; i++)</c>, or nothing when <paramref name="count"/> is 1 (the index is then the
    /// constant 0); returns the index expression. Close with <see cref="CloseLoop"/>.</summary>
    public static string OpenLoop(CodeWriter code, string index, int count, string type = "int")
    {
        if (count == 1)
        {
            return "0";
        }

        code.Open($"for ({type} {index} = 0; {index} < {count}; {index}++)");
        return index;
    }

    public static void CloseLoop(CodeWriter code, int count)
    {
        if (count != 1)
        {
            code.Close();
        }
    }

    /// <summary>The element-wise activation stored straight from a tile's accumulators: ReLU (one instruction); the others run in one pass
    /// at the end of the kernel (<see cref="ActivationCode.EmitEpilogue"/>), which keeps the JIT's inlining budget for the tiles.</summary>
    public static bool IsInline(Activation activation) => activation == Activation.ReLU;

    /// <summary>The value a tile stores for accumulator <paramref name="accumulator"/>.</summary>
    public static string Activated(Isa isa, Activation activation, string accumulator)
        => IsInline(activation) ? isa.Max(accumulator, isa.Zero) : accumulator;

    /// <summary>The activation of the pass at the end of a kernel (None when it is stored inline or is not element-wise).</summary>
    public static Activation Epilogue(Activation activation)
        => IsInline(activation) || !ActivationCode.IsElementwise(activation) ? Activation.None : activation;

    /// <summary>The tile's positions and vectors for a kernel that broadcasts one value per position into several vectors.</summary>
    public static Tile PositionTile(Isa isa, int positions, int vectors) => TilePlanner.Broadcast(isa.RegisterFile, positions, vectors);

    private static string Parenthesized(string expression) => expression.Contains(" ") ? $"({expression})" : expression;
}
