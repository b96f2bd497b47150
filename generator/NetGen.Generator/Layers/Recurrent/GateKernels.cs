using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;

namespace NetGen.Generator.Layers.Recurrent;

/// <summary>
/// One step of a recurrent layer over the rows of a training call, after the products: for each row and each vector of units, the
/// cell's gate math from the input sums (<c>x W_ih + b_ih</c>, computed for every step beforehand) and the recurrent sums of the
/// step (<c>h W_hh + b_hh</c>), then the stores: what the backward pass needs, the state entering the next step and the output.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Layer">The layer.</param>
internal sealed record GateKernel(string Name, RecurrentPlan Layer) : IKernel
{
    public IReadOnlyList<string> Parameters => Layer.Cell.HasCell
        ? new[] { "ref float gi", "ref float sums", "ref float prev", "ref float cells", "ref float saved", "ref float y", "int rows", "int t" }
        : new[] { "ref float gi", "ref float sums", "ref float prev", "ref float saved", "ref float y", "int rows", "int t" };

    public void Emit(CodeWriter code, Isa isa)
    {
        RecurrentPlan l = Layer;
        RecurrentCell cell = l.Cell;
        int pu = l.PaddedUnits;
        int last = l.Steps - 1;
        code.Line($"// {l.Describe()}: the gates of step t of every row, from the step's input sums and recurrent sums");
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Line(last > 0 ? $"bool next = t < {last};" : "const bool next = false;");
        if (!l.ReturnSequences)
        {
            code.Line($"bool output = t == {last};");
        }

        code.Open("for (int row = 0; row < rows; row++)");
        code.Line($"nint step = ((nint)row * {l.Steps}) + t;");
        code.Line($"ref float gir = ref Unsafe.Add(ref gi, step * {l.GateWidth});");
        code.Line($"ref float sr = ref Unsafe.Add(ref sums, (nint)row * {l.GateWidth});");
        code.Line($"ref float hr = ref Unsafe.Add(ref prev, step * {pu});");
        if (cell.HasCell)
        {
            code.Line($"ref float cr = ref Unsafe.Add(ref cells, step * {pu});");
        }

        code.Line($"ref float kept = ref Unsafe.Add(ref saved, step * {cell.SavedBlocks * pu});");
        code.Line(l.ReturnSequences ? $"ref float yr = ref Unsafe.Add(ref y, step * {pu});" : $"ref float yr = ref Unsafe.Add(ref y, (nint)row * {pu});");
        code.Open($"for (nuint vo = 0; vo < {pu}; vo += {isa.Width})");
        CellForwardResult result = cell.EmitForward(code, isa, new CellForward(
            g => cell.AddsInput(g) ? $"{isa.Load("gir", Offset(g, pu))} + {isa.Load("sr", Offset(g, pu))}" : isa.Load("sr", Offset(g, pu)),
            g => isa.Load("gir", Offset(g, pu)),
            isa.Load("hr", "vo"),
            cell.HasCell ? isa.Load("cr", "vo") : null,
            string.Empty));
        code.Line(string.Join(" ", result.Saved.Select((value, b) => isa.Store(value, "kept", Offset(b, pu)))));
        code.Open("if (next)");
        code.Line(isa.Store(result.Hidden, "hr", $"{pu} + vo"));
        if (result.Cell is not null)
        {
            code.Line(isa.Store(result.Cell, "cr", $"{pu} + vo"));
        }

        code.Close();
        if (l.ReturnSequences)
        {
            code.Line(isa.Store(result.Hidden, "yr", "vo"));
        }
        else
        {
            code.Open("if (output)");
            code.Line(isa.Store(result.Hidden, "yr", "vo"));
            code.Close();
        }

        code.Close();
        code.Close();
        code.Close();
    }

    /// <summary>The offset of block <paramref name="block"/> of <paramref name="width"/> floats at vector <c>vo</c>.</summary>
    internal static string Offset(int block, int width) => block == 0 ? "vo" : $"{block * width} + vo";
}

/// <summary>
/// One step of backpropagation through time over the rows of a training call, in reverse order of the steps: for each row and each
/// vector of units, the gradient reaching the step's state (from the output at that step and from the next step) goes back through
/// the cell's gate math to the gradients with respect to the input and recurrent sums, which are stored; what reaches the state
/// before the step through the gates' products (and the LSTM's cell) is carried to the previous step, where the product with W_hh is
/// added by the kernel that follows this one.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Layer">The layer.</param>
internal sealed record GateBackwardKernel(string Name, RecurrentPlan Layer) : IKernel
{
    public IReadOnlyList<string> Parameters
    {
        get
        {
            var parameters = new List<string> { "ref float dy", "ref float saved" };
            parameters.Add(Layer.Cell.HasCell ? "ref float cells" : "ref float prev");
            parameters.Add("ref float dgi");
            if (Layer.Cell.SeparateRecurrentGradient)
            {
                parameters.Add("ref float dgh");
            }

            parameters.Add("ref float carry");
            parameters.Add("ref float carryProduct");
            if (Layer.Cell.HasCell)
            {
                parameters.Add("ref float carryCell");
            }

            parameters.Add("int rows");
            parameters.Add("int t");
            return parameters;
        }
    }

    public void Emit(CodeWriter code, Isa isa)
    {
        RecurrentPlan l = Layer;
        RecurrentCell cell = l.Cell;
        int pu = l.PaddedUnits;
        code.Line($"// {l.Describe()}: the gradient of step t of every row back through its gates");
        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        code.Open("for (int row = 0; row < rows; row++)");
        code.Line($"nint step = ((nint)row * {l.Steps}) + t;");
        code.Line($"ref float kept = ref Unsafe.Add(ref saved, step * {cell.SavedBlocks * pu});");
        code.Line(cell.HasCell ? $"ref float cr = ref Unsafe.Add(ref cells, step * {pu});" : $"ref float hr = ref Unsafe.Add(ref prev, step * {pu});");
        code.Line($"ref float dgir = ref Unsafe.Add(ref dgi, step * {l.GateWidth});");
        if (cell.SeparateRecurrentGradient)
        {
            code.Line($"ref float dghr = ref Unsafe.Add(ref dgh, step * {l.GateWidth});");
        }

        code.Line($"ref float carryr = ref Unsafe.Add(ref carry, (nint)row * {pu});");
        code.Line($"ref float productr = ref Unsafe.Add(ref carryProduct, (nint)row * {pu});");
        if (cell.HasCell)
        {
            code.Line($"ref float cellr = ref Unsafe.Add(ref carryCell, (nint)row * {pu});");
        }

        if (l.ReturnSequences)
        {
            code.Line($"ref float dyr = ref Unsafe.Add(ref dy, step * {pu});");
        }

        code.Open($"for (nuint vo = 0; vo < {pu}; vo += {isa.Width})");
        string dh = $"{isa.Load("carryr", "vo")} + {isa.Load("productr", "vo")}";
        if (l.ReturnSequences)
        {
            dh += $" + {isa.Load("dyr", "vo")}";
        }

        code.Line($"{isa.VectorType} dh = {dh};");
        CellBackwardResult result = cell.EmitBackward(code, isa, new CellBackward(
            "dh",
            b => isa.Load("kept", GateKernel.Offset(b, pu)),
            cell.HasCell ? string.Empty : isa.Load("hr", "vo"),
            cell.HasCell ? isa.Load("cr", "vo") : null,
            cell.HasCell ? isa.Load("cellr", "vo") : null));
        code.Line(string.Join(" ", result.InputGradients.Select((value, g) => isa.Store(value, "dgir", GateKernel.Offset(g, pu)))));
        if (cell.SeparateRecurrentGradient)
        {
            code.Line(string.Join(" ", result.RecurrentGradients.Select((value, g) => isa.Store(value, "dghr", GateKernel.Offset(g, pu)))));
        }

        code.Line(isa.Store(result.Direct ?? isa.Zero, "carryr", "vo"));
        if (result.CellCarry is not null)
        {
            code.Line(isa.Store(result.CellCarry, "cellr", "vo"));
        }

        code.Close();
        code.Close();
        code.Close();
    }
}
