using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;

namespace NetGen.Generator.Layers;

/// <summary>
/// The loop structure of a kernel over rows of padded channels whose per-channel values stay in registers: the channels in
/// blocks of a few vectors, each block's per-channel registers loaded once, then every row of the block. The vectors of a
/// block are named by their index <c>j</c> and found at the offsets the body receives (<c>ch + 16</c>, or numbers).
/// </summary>
internal static class ChannelBlocks
{
    /// <summary>Emits the blocks of <paramref name="paddedChannels"/> channels, at most <paramref name="perBlock"/> vectors each.</summary>
    /// <param name="code">The writer.</param>
    /// <param name="isa">The instruction set (not the scalar one).</param>
    /// <param name="paddedChannels">The channels, a whole number of vectors.</param>
    /// <param name="perBlock">The most vectors of a block, so that its registers fit.</param>
    /// <param name="block">Writes one block, given the offset of each of its vectors.</param>
    public static void Emit(CodeWriter code, Isa isa, int paddedChannels, int perBlock, Action<IReadOnlyList<string>> block)
    {
        int vectors = paddedChannels / isa.Width;
        int per = Math.Min(vectors, Math.Max(1, perBlock));
        int full = vectors / per;
        int remainder = vectors % per;
        int step = per * isa.Width;
        if (full == 1)
        {
            Block(code, block, Offsets("0", per, isa.Width), $"channels 0 to {step - 1}");
        }
        else
        {
            code.Open($"for (nuint ch = 0; ch < {full * step}; ch += {step})");
            block(Offsets("ch", per, isa.Width));
            code.Close();
        }

        if (remainder > 0)
        {
            Block(code, block, Offsets(Text(full * step), remainder, isa.Width), $"channels {full * step} to {paddedChannels - 1}");
        }
    }

    /// <summary>A declaration of one vector per offset: <c>T m0 = load(m, 0), m1 = load(m, 16);</c>.</summary>
    public static string Load(Isa isa, string name, string reference, IReadOnlyList<string> offsets)
        => TileNames.Declare(isa.VectorType, offsets.Select((offset, j) => $"{name}{j} = {isa.Load(reference, offset)}"));

    /// <summary>A declaration of one vector per offset, each set to <paramref name="value"/>.</summary>
    public static string Declare(Isa isa, string name, int count, Func<int, string> value)
        => TileNames.Declare(isa.VectorType, Enumerable.Range(0, count).Select(j => $"{name}{j} = {value(j)}"));

    /// <summary>One statement per vector of the block, on one line.</summary>
    public static string Each(int count, Func<int, string> statement) => string.Join(" ", Enumerable.Range(0, count).Select(statement));

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string[] Offsets(string start, int count, int width)
        => Enumerable.Range(0, count).Select(j => TileNames.Offset(start, j * width)).ToArray();

    private static void Block(CodeWriter code, Action<IReadOnlyList<string>> block, IReadOnlyList<string> offsets, string comment)
    {
        code.Open($"// {comment}");
        block(offsets);
        code.Close();
    }
}
