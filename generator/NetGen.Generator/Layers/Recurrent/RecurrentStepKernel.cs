using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;

namespace NetGen.Generator.Layers.Recurrent;

/// <summary>
/// One streamed step of a recurrent layer, the latency-bound path of <c>PredictStep</c>: the input and recurrent products, the gates
/// and the new state, with the sums kept in registers. The units are taken in blocks of vectors whose accumulators fit the registers;
/// each product's sum over k is split into independent chains of multiply-adds (k = c, c + chains, ...) so that the chains' latencies
/// overlap, then the chains are added (<see cref="StepProducts"/>). The portable path sums into memory with plain loops instead. A layer
/// whose W_hh is too large to stay in the level-1 cache between steps takes <see cref="RecurrentBlockStepKernel"/> instead.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Layer">The layer.</param>
internal sealed record RecurrentStepKernel(string Name, RecurrentPlan Layer) : IKernel
{
    public IReadOnlyList<string> Parameters
    {
        get
        {
            var parameters = new List<string> { "ref float x", "ref float wi", "ref float bi", "ref float wh", "ref float bh", "ref float h" };
            if (Layer.Cell.HasCell)
            {
                parameters.Add("ref float c");
            }

            parameters.Add("ref float y");
            parameters.Add("ref float sums");
            return parameters;
        }
    }

    public void Emit(CodeWriter code, Isa isa)
    {
        if (isa.IsScalar)
        {
            EmitPortable(code, isa);
            return;
        }

        RecurrentPlan l = Layer;
        RecurrentCell cell = l.Cell;
        int vectorsPerGate = l.PaddedUnits / isa.Width;
        int perVector = SumsPerVector;
        int block = Math.Max(1, Math.Min(vectorsPerGate, isa.Accumulators / perVector));
        int chains = Math.Max(1, Math.Min(Math.Min(4, l.Units), isa.Accumulators / (perVector * block)));
        bool single = block == vectorsPerGate;
        code.Line($"// {l.Describe()}: one streamed step. The state h and the step x are read, then the new state is written to h and to y.");
        code.Line($"// Units in {(single ? "one block" : $"blocks of {block} vectors")} of {isa.Width}: {perVector * block} sums of {block} vector(s) per gate, each over k in {chains} chain(s).");
        if (!KeepsInputApart && !single)
        {
            code.Line("// Later blocks still read the old h, so the new state goes to y first and is copied to h at the end.");
        }

        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        if (!single && KeepsInputApart)
        {
            code.Line("// Later blocks still read the old h, so the new state goes to y first and is copied to h at the end.");
        }

        for (int first = 0; first < vectorsPerGate; first += block)
        {
            EmitBlock(code, isa, first, Math.Min(block, vectorsPerGate - first), chains, single);
        }

        if (!single)
        {
            code.Open($"for (nuint vo = 0; vo < {l.PaddedUnits}; vo += {isa.Width})");
            code.Line(isa.Store(isa.Load("y", "vo"), "h", "vo"));
            code.Close();
        }

        code.Close();
    }

    /// <summary>Whether the late gate's products go after the others': only where every broadcast value of h stays in a register
    /// beside the <paramref name="sums"/> (GRU(16) and LSTM(16) on AVX-512). A larger step is bound by the multiply-adds' throughput
    /// rather than by its chain, and broadcasting h twice there only spills.</summary>
    private bool LateGateApart(Isa isa, int sums) => Layer.Units + sums <= isa.Registers;

    /// <summary>The sums a vector of units needs: one per gate, and the input part kept apart.</summary>
    private int SumsPerVector => Layer.Cell.Gates + (KeepsInputApart ? 1 : 0);

    /// <summary>The names of the sums of <paramref name="gates"/> for each vector of the block, each followed by the input part kept
    /// apart when there is one and <paramref name="withInput"/>.</summary>
    private IEnumerable<string> Sums(IEnumerable<int> gates, int vectors, bool withInput = true)
        => Enumerable.Range(0, vectors).SelectMany(j => gates.Select(g => $"a{g}_{j}").Concat(withInput && KeepsInputApart ? new[] { $"ai_{j}" } : Array.Empty<string>()));

    /// <summary>Whether a gate keeps its input part apart from its recurrent sum (the GRU's n).</summary>
    private bool KeepsInputApart => Enumerable.Range(0, Layer.Cell.Gates).Any(g => !Layer.Cell.AddsInput(g));

    private void EmitBlock(CodeWriter code, Isa isa, int firstVector, int vectors, int chains, bool single)
    {
        RecurrentPlan l = Layer;
        RecurrentCell cell = l.Cell;
        int pu = l.PaddedUnits;
        code.Open($"// units {firstVector * isa.Width} to {((firstVector + vectors) * isa.Width) - 1}");
        string Column(int g, int j) => StepProducts.Text((g * pu) + ((firstVector + j) * isa.Width));
        string Sum(int g, int j, int chain) => $"a{g}_{j}_{chain}";
        string Input(int j, int chain) => $"ai_{j}_{chain}";

        // The sums start at the biases (chain 0) or zero.
        for (int chain = 0; chain < chains; chain++)
        {
            var declarations = new List<string>();
            for (int j = 0; j < vectors; j++)
            {
                for (int g = 0; g < cell.Gates; g++)
                {
                    string start = chain > 0 ? isa.Zero
                        : cell.AddsInput(g) ? $"{isa.Load("bi", Column(g, j))} + {isa.Load("bh", Column(g, j))}"
                        : isa.Load("bh", Column(g, j));
                    declarations.Add($"{Sum(g, j, chain)} = {start}");
                }

                if (KeepsInputApart)
                {
                    int g = Enumerable.Range(0, cell.Gates).First(gate => !cell.AddsInput(gate));
                    declarations.Add($"{Input(j, chain)} = {(chain > 0 ? isa.Zero : isa.Load("bi", Column(g, j)))}");
                }
            }

            code.Line(TileNames.Declare(isa.VectorType, declarations));
        }

        // x W_ih, then h W_hh: each k broadcasts one value and multiplies it into a row of every gate's block.
        StepProducts.Emit(code, isa, cell, "x", "wi", l.Features, l.GateWidth, chains, vectors, Column, (g, j, chain) => cell.AddsInput(g) ? Sum(g, j, chain) : Input(j, chain));
        if (LateGateApart(isa, vectors * SumsPerVector * chains))
        {
            // The gate the cell reads last takes its products after the others' (h broadcast again, which the JIT keeps from the
            // first pass in registers), so that the sums the first gate functions wait for have the multiply-add units to themselves.
            var early = Enumerable.Range(0, cell.Gates).Where(g => g != cell.LateGate).ToList();
            StepProducts.Emit(code, isa, cell, "h", "wh", l.Units, l.GateWidth, chains, vectors, Column, Sum, early);
            StepProducts.AddChains(code, chains, Sums(early, vectors));
            StepProducts.Emit(code, isa, cell, "h", "wh", l.Units, l.GateWidth, chains, vectors, Column, Sum, new[] { cell.LateGate }, "hl");
            StepProducts.AddChains(code, chains, Sums(new[] { cell.LateGate }, vectors, withInput: false));
        }
        else
        {
            StepProducts.Emit(code, isa, cell, "h", "wh", l.Units, l.GateWidth, chains, vectors, Column, Sum);
            StepProducts.AddChains(code, chains, Sums(Enumerable.Range(0, cell.Gates), vectors));
        }

        for (int j = 0; j < vectors; j++)
        {
            string offset = Column(0, j);
            int jj = j;
            CellForwardResult result = cell.EmitStep(code, isa, new CellForward(
                g => Sum(g, jj, 0),
                _ => Input(jj, 0),
                isa.Load("h", offset),
                cell.HasCell ? isa.Load("c", offset) : null,
                "_" + StepProducts.Text(j)));
            var stores = new List<string> { isa.Store(result.Hidden, "y", offset) };
            if (single)
            {
                stores.Add(isa.Store(result.Hidden, "h", offset));
            }

            if (result.Cell is not null)
            {
                stores.Add(isa.Store(result.Cell, "c", offset));
            }

            code.Line(string.Join(" ", stores));
        }

        code.Close();
    }

    /// <summary>The portable form: both sums into memory with plain loops along contiguous rows, then the gates unit by unit.</summary>
    private void EmitPortable(CodeWriter code, Isa isa)
    {
        code.Line($"// {Layer.Describe()}: one streamed step. The input sums x W_ih + b_ih and the recurrent sums h W_hh + b_hh are");
        code.Line("// summed into memory along contiguous rows, then each unit's gates give the new state, written to h and to y.");
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        EmitPortableBody(code, isa, Layer);
        code.Close();
    }

    /// <summary>The statements of the portable form, which read W_hh from <c>wh</c>; the scalar path of <see cref="RecurrentBlockStepKernel"/>
    /// has them too.</summary>
    internal static void EmitPortableBody(CodeWriter code, Isa isa, RecurrentPlan l)
    {
        RecurrentCell cell = l.Cell;
        int pu = l.PaddedUnits;
        int gw = l.GateWidth;
        code.Line($"ref float si = ref sums;");
        code.Line($"ref float sh = ref Unsafe.Add(ref sums, {gw});");
        code.Open($"for (int j = 0; j < {gw}; j++)");
        code.Line("Unsafe.Add(ref si, j) = Unsafe.Add(ref bi, j);");
        code.Line("Unsafe.Add(ref sh, j) = Unsafe.Add(ref bh, j);");
        code.Close();
        foreach ((string source, string matrix, string target, int length) in new[] { ("x", "wi", "si", l.Features), ("h", "wh", "sh", l.Units) })
        {
            code.Open($"for (int k = 0; k < {length}; k++)");
            code.Line($"float value = Unsafe.Add(ref {source}, k);");
            code.Line($"ref float row = ref Unsafe.Add(ref {matrix}, k * {gw});");
            code.Open($"for (int j = 0; j < {gw}; j++)");
            code.Line($"Unsafe.Add(ref {target}, j) += value * Unsafe.Add(ref row, j);");
            code.Close();
            code.Close();
        }

        code.Open($"for (int u = 0; u < {l.Units}; u++)");
        string At(string buffer, int g) => g == 0 ? $"Unsafe.Add(ref {buffer}, u)" : $"Unsafe.Add(ref {buffer}, {g * pu} + u)";
        CellForwardResult result = cell.EmitStep(code, isa, new CellForward(
            g => cell.AddsInput(g) ? $"{At("si", g)} + {At("sh", g)}" : At("sh", g),
            g => At("si", g),
            "Unsafe.Add(ref h, u)",
            cell.HasCell ? "Unsafe.Add(ref c, u)" : null,
            "New"));
        code.Line($"Unsafe.Add(ref y, u) = {result.Hidden};");
        code.Line($"Unsafe.Add(ref h, u) = {result.Hidden};");
        if (result.Cell is not null)
        {
            code.Line($"Unsafe.Add(ref c, u) = {result.Cell};");
        }

        code.Close();
    }
}
