using System;

namespace NetGen.Generator.Planning;

/// <summary>The registers of one instruction set a kernel's tiles are planned for.</summary>
/// <param name="Width">Floats per vector.</param>
/// <param name="Accumulators">How many accumulators a register tile may hold, leaving registers for loads and broadcasts.</param>
/// <param name="Registers">The vector registers the JIT can allocate.</param>
internal readonly record struct RegisterFile(int Width, int Accumulators, int Registers)
{
    /// <summary>AVX-512, the widest instruction set a kernel is emitted for: 32 registers of 16 floats.</summary>
    public static RegisterFile Widest { get; } = new(16, 24, 32);
}

/// <summary>A register tile: <see cref="Rows"/> rows (of the batch, or of a weight gradient) by <see cref="Columns"/> vectors or outputs.</summary>
internal readonly record struct Tile(int Rows, int Columns);

/// <summary>
/// Chooses register tiles with a small cost model of one core: two vector loads (a broadcast is a
/// load) and two multiply-adds per cycle. A tile of R rows by C vectors needs R·C accumulators plus
/// the values loaded in one step, all in registers; its step costs the larger of its loads and its
/// multiply-adds. The tile whose kernel takes the fewest cycles over the expected rows wins, so
/// that, for instance, 32 rows are cut in tiles of 4 or 8 rather than 6 with a wasteful last tile.
/// </summary>
internal static class TilePlanner
{
    private const double LoadsPerCycle = 2;
    private const double MultiplyAddsPerCycle = 2;
    private const int MaxRows = 8;

    /// <summary>For kernels that broadcast one scalar per row and multiply it into C vectors of a matrix row
    /// (the axpy forward pass, the input gradient of an output-major layer and the weight gradients).</summary>
    /// <param name="isa">The instruction set.</param>
    /// <param name="rows">The rows the kernel usually sees (the batch size, or the weight gradient's rows).</param>
    /// <param name="vectors">The vectors across a row.</param>
    public static Tile Broadcast(RegisterFile isa, int rows, int vectors)
    {
        Tile best = new(1, Math.Min(vectors, isa.Accumulators));
        double bestCost = double.MaxValue;
        for (int r = 1; r <= Math.Min(MaxRows, rows); r++)
        {
            for (int c = 1; c <= vectors; c++)
            {
                // accumulators, the C matrix vectors of the step, one broadcast and one spare register
                if ((r * c) + c + 2 > isa.Registers || r * c > isa.Accumulators)
                {
                    continue;
                }

                double cost = Tiles(rows, r) * ColumnCost(vectors, c, width => Step(r + width, r * width));
                if (cost < bestCost - 1e-9)
                {
                    bestCost = cost;
                    best = new Tile(r, c);
                }
            }
        }

        return best;
    }

    /// <summary>For dot-product kernels: R rows by C outputs, each step loading R row vectors and C matrix vectors,
    /// and each accumulator summed across its lanes at the end.</summary>
    /// <param name="isa">The instruction set.</param>
    /// <param name="rows">The rows the kernel usually sees.</param>
    /// <param name="outputs">The outputs per row.</param>
    /// <param name="kVectors">The vectors of one dot product.</param>
    public static Tile Dot(RegisterFile isa, int rows, int outputs, int kVectors)
    {
        Tile best = new(1, 1);
        double bestCost = double.MaxValue;
        for (int r = 1; r <= Math.Min(MaxRows, rows); r++)
        {
            for (int c = 1; c <= outputs; c++)
            {
                if ((r * c) + r + c + 1 > isa.Registers || r * c > isa.Accumulators)
                {
                    continue;
                }

                // the horizontal sum of a vector costs about as much as a few steps
                double cost = Tiles(rows, r) * ColumnCost(outputs, c, width => (kVectors * Step(r + width, r * width)) + (r * width * 2));
                if (cost < bestCost - 1e-9)
                {
                    bestCost = cost;
                    best = new Tile(r, c);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The panel width of an input-major weight matrix of <paramref name="inputs"/> rows by <paramref name="paddedColumns"/> columns:
    /// the columns of the widest path's tile of the forward pass over <paramref name="rows"/> rows, so that each of its column blocks
    /// is one contiguous panel; or 0 (one panel) when packing would not help. It helps when a column block reads a short piece of
    /// long rows (a row at least <see cref="PanelRowRatio"/> blocks wide) and the block does not fit in the first-level cache
    /// (more than <see cref="PanelMinimumFloats"/> floats), so that it is fetched again from further away for every tile of rows.
    /// </summary>
    /// <param name="rows">The rows the forward pass usually sees (the batch size).</param>
    /// <param name="inputs">The layer's inputs: the rows of the matrix.</param>
    /// <param name="paddedColumns">The layer's padded outputs.</param>
    public static int PanelWidth(int rows, int inputs, int paddedColumns)
    {
        RegisterFile widest = RegisterFile.Widest;
        int width = Broadcast(widest, rows, paddedColumns / widest.Width).Columns * widest.Width;
        return paddedColumns >= PanelRowRatio * width && (long)inputs * width > PanelMinimumFloats ? width : 0;
    }

    /// <summary>How many column blocks a row must hold before the matrix is stored in panels.</summary>
    public const int PanelRowRatio = 4;

    /// <summary>The floats of a column block (all rows) above which the matrix is stored in panels: 32 KB, most of a first-level data cache.</summary>
    public const int PanelMinimumFloats = 8 * 1024;

    private static double Step(int loads, int multiplyAdds) => Math.Max(loads / LoadsPerCycle, multiplyAdds / MultiplyAddsPerCycle) + 0.25;

    private static int Tiles(int rows, int tileRows) => (rows + tileRows - 1) / tileRows;

    private static double ColumnCost(int columns, int tileColumns, Func<int, double> cost)
    {
        int full = columns / tileColumns;
        int remainder = columns % tileColumns;
        return (full * cost(tileColumns)) + (remainder > 0 ? cost(remainder) : 0);
    }
}
