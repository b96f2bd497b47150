using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Emit;

namespace NetGen.Generator.Layers.Recurrent;

/// <summary>
/// The products of a streamed recurrent step, which <see cref="RecurrentStepKernel"/> and <see cref="RecurrentBlockStepKernel"/>
/// share: a vector of sums per gate and per vector of units, each split over k into chains (k's product to chain k % chains) so
/// that the chains' latencies overlap, and the chains added at the end.
/// </summary>
internal static class StepProducts
{
    /// <summary>Products over more steps of k than this are loops; shorter ones are written out.</summary>
    public const int UnrollLimit = 32;

    /// <summary>Adds the products of <paramref name="length"/> values of <paramref name="source"/> with the rows of
    /// <paramref name="matrix"/>, <paramref name="rowStride"/> floats apart, to the sums <paramref name="target"/>(gate, vector, chain);
    /// <paramref name="column"/>(gate, vector) is the offset of a gate's vector in a row. Written out up to <see cref="UnrollLimit"/>
    /// values, else a loop that takes a reference to each step's first row. Each line broadcasts one value and multiplies it into
    /// one vector of every gate in <paramref name="gates"/> (all when null), into registers named <paramref name="registers"/>
    /// and the chain (<paramref name="source"/> when null).</summary>
    public static void Emit(CodeWriter code, Isa isa, RecurrentCell cell, string source, string matrix, int length, int rowStride, int chains, int vectors, Func<int, int, string> column, Func<int, int, int, string> target, IReadOnlyList<int>? gates = null, string? registers = null)
    {
        IReadOnlyList<int> products = gates ?? Enumerable.Range(0, cell.Gates).ToList();
        string register = registers ?? source;
        code.Line($"{isa.VectorType} {string.Join(", ", Enumerable.Range(0, Math.Min(chains, length)).Select(chain => register + Text(chain)))}; // {source}[k] broadcast, one register per chain");
        void Step(string k, string rows, int row, int chain)
        {
            string value = register + Text(chain);
            for (int j = 0; j < vectors; j++)
            {
                var statements = new List<string>();
                if (j == 0)
                {
                    statements.Add($"{value} = {isa.Broadcast($"Unsafe.Add(ref {source}, {k})")};");
                }

                foreach (int g in products)
                {
                    statements.Add($"{target(g, j, chain)} = {isa.MultiplyAdd(value, isa.Load(rows, Offset(row, column(g, j))), target(g, j, chain))};");
                }

                code.Line(string.Join(" ", statements));
            }
        }

        if (length <= UnrollLimit)
        {
            for (int k = 0; k < length; k++)
            {
                Step(Text(k), matrix, k * rowStride, k % chains);
            }

            return;
        }

        int main = length / chains * chains;
        string first = $"{matrix}Row";
        code.Open($"for (nuint k = 0; k < {main}; k += {chains})");
        code.Line($"ref float {first} = ref Unsafe.Add(ref {matrix}, k * {rowStride});");
        for (int chain = 0; chain < chains; chain++)
        {
            Step(chain == 0 ? "k" : $"k + {chain}", first, chain * rowStride, chain);
        }

        code.Close();
        for (int k = main; k < length; k++)
        {
            Step(Text(k), matrix, k * rowStride, k % chains);
        }
    }

    /// <summary>Adds each sum's chains into its chain 0, as a balanced tree of additions.</summary>
    public static void AddChains(CodeWriter code, int chains, IEnumerable<string> sums)
    {
        if (chains == 1)
        {
            return;
        }

        foreach (string name in sums)
        {
            code.Line($"{name}_0 = {Tree(Enumerable.Range(0, chains).Select(chain => $"{name}_{chain}").ToList())};");
        }
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The offset <paramref name="row"/> + <paramref name="column"/>, without a term that is zero.</summary>
    private static string Offset(int row, string column)
        => int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? Text(row + value)
        : row == 0 ? column : $"{Text(row)} + {column}";

    /// <summary>The sum of <paramref name="terms"/> as a balanced tree of additions.</summary>
    private static string Tree(List<string> terms)
    {
        if (terms.Count == 1)
        {
            return terms[0];
        }

        int half = terms.Count / 2;
        return $"({Tree(terms.Take(half).ToList())} + {Tree(terms.Skip(half).ToList())})";
    }
}
