using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;

namespace NetGen.Generator.Layers.Recurrent;

/// <summary>
/// One streamed step of a recurrent layer whose recurrent weights are too large to stay in the level-1 data cache between steps
/// (<see cref="RecurrentStepWeights"/>), one block of a vector of units at a time: the block's sum of every gate over k in chains,
/// then its gates, its new cell and its new state into y; once every block has read the old state, y is copied to h. The block
/// reads W_hh where the parameters keep it, or (<paramref name="ReadsCopy"/>) from the block-major copy, its blocks in ascending
/// order or, when <c>reverse</c>, descending. Each sum adds the same products in the same order whatever the source and the order,
/// so every form gives the same bits.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Layer">The layer.</param>
/// <param name="ReadsCopy">Whether the step reads the copy of W_hh (and takes the blocks' order).</param>
internal sealed record RecurrentBlockStepKernel(string Name, RecurrentPlan Layer, bool ReadsCopy) : IKernel
{
    public IReadOnlyList<string> Parameters
    {
        get
        {
            var parameters = new List<string> { "ref float x", "ref float wi", "ref float bi", "ref float wh" };
            if (ReadsCopy)
            {
                parameters.Add("ref float copy");
            }

            parameters.Add("ref float bh");
            parameters.Add("ref float h");
            if (Layer.Cell.HasCell)
            {
                parameters.Add("ref float c");
            }

            parameters.Add("ref float y");
            parameters.Add("ref float sums");
            if (ReadsCopy)
            {
                parameters.Add("bool reverse");
            }

            return parameters;
        }
    }

    public void Emit(CodeWriter code, Isa isa)
    {
        RecurrentPlan l = Layer;
        RecurrentCell cell = l.Cell;
        if (isa.IsScalar)
        {
            code.Line($"// {l.Describe()}: one streamed step{(ReadsCopy ? "; this path has no copy of W_hh and reads the parameters" : string.Empty)}.");
            code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
            RecurrentStepKernel.EmitPortableBody(code, isa, l);
            code.Close();
            return;
        }

        int width = isa.Width;
        int pu = l.PaddedUnits;
        int gw = l.GateWidth;
        int blocks = pu / width;
        bool inputApart = Enumerable.Range(0, cell.Gates).Any(g => !cell.AddsInput(g));
        int perBlock = cell.Gates + (inputApart ? 1 : 0);
        int chains = Math.Max(1, Math.Min(Math.Min(4, l.Units), isa.Accumulators / perBlock));
        int rowStride = ReadsCopy ? RecurrentStepWeights.RowFloats(cell, width) : gw;
        int gateStride = ReadsCopy ? width : pu;
        code.Line($"// {l.Describe()}: one streamed step, in {blocks} blocks of {width} units, each with {perBlock} sums over k in {chains} chain(s).");
        code.Line(ReadsCopy
            ? "// W_hh from the block-major copy (each block's rows one after the other), the blocks in ascending order or, when reverse, descending."
            : "// W_hh from the parameters, the blocks in ascending order.");
        code.Line("// Every block reads the old state h, so the new state goes to y and is copied to h at the end.");
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Open($"for (nuint b = 0; b < {blocks}; b++)");
        code.Line(ReadsCopy ? $"nuint unit = (reverse ? {blocks - 1} - b : b) * {width};" : $"nuint unit = b * {width};");
        code.Line(ReadsCopy
            ? $"ref float wb = ref Unsafe.Add(ref copy, unit * {RecurrentStepWeights.BlockFloats(l, width) / width});"
            : "ref float wb = ref Unsafe.Add(ref wh, unit);");
        var blockReferences = new List<string> { "wib = ref Unsafe.Add(ref wi, unit)", "bib = ref Unsafe.Add(ref bi, unit)", "bhb = ref Unsafe.Add(ref bh, unit)", "hb = ref Unsafe.Add(ref h, unit)" };
        if (cell.HasCell)
        {
            blockReferences.Add("cb = ref Unsafe.Add(ref c, unit)");
        }

        blockReferences.Add("yb = ref Unsafe.Add(ref y, unit)");
        code.Line(string.Join(" ", blockReferences.Select(reference => $"ref float {reference};")));

        string Column(int g) => StepProducts.Text(g * pu);
        string Sum(int g, int chain) => $"a{g}_{chain}";
        string Input(int chain) => $"ai_{chain}";
        int apartGate = inputApart ? Enumerable.Range(0, cell.Gates).First(g => !cell.AddsInput(g)) : -1;
        for (int chain = 0; chain < chains; chain++)
        {
            var declarations = new List<string>();
            for (int g = 0; g < cell.Gates; g++)
            {
                string start = chain > 0 ? isa.Zero
                    : cell.AddsInput(g) ? $"{isa.Load("bib", Column(g))} + {isa.Load("bhb", Column(g))}"
                    : isa.Load("bhb", Column(g));
                declarations.Add($"{Sum(g, chain)} = {start}");
            }

            if (inputApart)
            {
                declarations.Add($"{Input(chain)} = {(chain > 0 ? isa.Zero : isa.Load("bib", Column(apartGate)))}");
            }

            code.Line(TileNames.Declare(isa.VectorType, declarations));
        }

        StepProducts.Emit(code, isa, cell, "x", "wib", l.Features, gw, chains, 1, (g, _) => Column(g), (g, _, chain) => cell.AddsInput(g) ? Sum(g, chain) : Input(chain));
        StepProducts.Emit(code, isa, cell, "h", "wb", l.Units, rowStride, chains, 1, (g, _) => StepProducts.Text(g * gateStride), (g, _, chain) => Sum(g, chain));
        var sums = Enumerable.Range(0, cell.Gates).Select(g => $"a{g}").ToList();
        if (inputApart)
        {
            sums.Add("ai");
        }

        StepProducts.AddChains(code, chains, sums);
        CellForwardResult result = cell.EmitStep(code, isa, new CellForward(
            g => Sum(g, 0),
            _ => Input(0),
            isa.Load("hb", "0"),
            cell.HasCell ? isa.Load("cb", "0") : null,
            "New"));
        var stores = new List<string> { isa.Store(result.Hidden, "yb", "0") };
        if (result.Cell is not null)
        {
            stores.Add(isa.Store(result.Cell, "cb", "0"));
        }

        code.Line(string.Join(" ", stores));
        code.Close();
        code.Open($"for (nuint vo = 0; vo < {pu}; vo += {width})");
        code.Line(isa.Store(isa.Load("y", "vo"), "h", "vo"));
        code.Close();
        code.Close();
    }
}
