using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Kernels;
using NetGen.Generator.Layers.Pooling;
using NetGen.Generator.Planning;
using NetGen.Generator.Vocabulary;
using static NetGen.Generator.Emit.Kernels.TileNames;
using static NetGen.Generator.Layers.Convolution.ConvolutionCode;

namespace NetGen.Generator.Layers.Convolution;

/// <summary>
/// For inference calls, a convolution and the 2 x 2 max pool after it in one pass. Where the convolution's forward pass takes output
/// positions as the lanes (<see cref="ConvolutionPositionLanes"/>), a register tile of 4 output rows x 16 positions pools itself before
/// it is stored: the maximum of rows 0 and 1 and of rows 2 and 3, then of neighbouring lanes (<c>MaxPoolLanes</c>), the activation of
/// the 2 x 8 maxima, and those transposed into the pool's channels-last output. So an inference call neither writes the convolution's
/// output (four times the pool's) nor reads it back, and transposes a quarter as many positions. Training calls keep both layers'
/// own kernels: the pool's backward pass reads the convolution's output.
/// </summary>
/// <remarks>
/// Each accumulator adds the bias and the taps in the order of the convolution's own kernel, the maxima are <c>Vector512.Max</c>'s as
/// the pool's kernel takes them, and a ReLU commutes with a maximum: an inference call gives the bits of a training call's forward pass.
/// On the other instruction sets the kernel runs the two layers' own kernels one after the other, through the convolution's output.
/// </remarks>
/// <param name="Layer">The convolution.</param>
/// <param name="Pool">The max pool after it.</param>
/// <param name="Name">The method name.</param>
/// <param name="Unpooled">The kernel that computes what the pool reads, which the other instruction sets call: the convolution's forward
/// kernel, or its kernel with a BatchNorm folded in.</param>
/// <param name="Activation">The activation: the convolution's, or the folded BatchNorm's.</param>
internal sealed record ConvolutionPooledForwardKernel(ConvolutionPlan Layer, PoolingPlan Pool, string Name, string Unpooled, Activation Activation) : IKernel
{
    /// <summary>Output rows per tile: two rows of windows.</summary>
    private const int TileRows = 4;

    /// <summary>Positions per tile: one Vector512.</summary>
    private const int Positions = 16;

    /// <summary>Filters whose accumulators are live at once: 4 rows x 3 filters, 4 input vectors and a broadcast fit in the 32 registers
    /// with room to spare (with all 6 of LeNet's filters at once, 29 vectors, the JIT spilled inputs to the stack on every tap).</summary>
    private const int MaxGroup = 3;

    /// <summary>Filters a tile may pool: two groups of 3, which LeNet-5 and the tests cover (the transpose would take 8; 7 or 8 filters
    /// keep the pool's own kernel until a network with them is tested).</summary>
    private const int MaxFilters = 6;

    /// <summary>Whether inference calls compute <paramref name="pool"/> inside <paramref name="layer"/>'s kernel with
    /// <paramref name="activation"/> (the layer's, or that of the BatchNorm folded into it): a max pool of 2 x 2 windows with stride 2 after
    /// a convolution whose forward pass takes output positions as the lanes on Vector512, with at most 6 filters, an activation stored
    /// inline or none, and an output of even height (at least 4 rows, 8 when each row's last positions are packed two rows to a vector) and
    /// even width, so that every tile starts on a window.</summary>
    public static bool Fits(ConvolutionPlan layer, PoolingPlan pool, Activation activation)
    {
        WindowGeometry g = layer.Geometry;
        return pool.Spec is { IsMax: true, Rank: 2, Size: 2, Stride: 2 }
            && pool.Output.ChannelStride == Positions
            && ConvolutionPositionLanes.Fits(layer, Isa.Vector512, layer.PreActivationBuffer is not null)
            && layer.Filters <= MaxFilters
            && (activation == Activation.None || IsInline(activation))
            && g.OutWidth % 2 == 0
            && g.OutHeight % 2 == 0
            && g.OutHeight >= TileRows
            && (!ConvolutionPositionLanes.PacksTails(layer) || g.OutHeight >= 2 * TileRows);
    }

    public IReadOnlyList<string> Parameters { get; } = new[] { "ref float x", "ref float w", "ref float b", "ref float y", "ref float p", "int rows" };

    public void Emit(CodeWriter code, Isa isa)
    {
        code.Line($"// {Layer.Describe()}, with layer {Pool.Index + 1}'s {Pool.Declaration} to {Pool.Output.Shape}, for inference calls: p = the pool of y");
        if (isa.IsPortable || isa.Name != Isa.Vector512.Name)
        {
            code.Line("// The convolution into y, then the pool of y, each with its own kernel.");
            code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
            code.Line($"{Unpooled}{isa.MethodSuffix}(ref x, ref w, ref b, ref y, rows);");
            code.Line($"{Pool.Name}Forward{isa.MethodSuffix}(ref y, ref p, rows);");
            code.Close();
            return;
        }

        EmitPooled(code, isa);
    }

    private void EmitPooled(CodeWriter code, Isa isa)
    {
        WindowGeometry g = Layer.Geometry;
        int filters = Layer.Filters;
        long inputRow = g.PaddedWidth;
        long rowFloats = (long)g.StrideY * inputRow;
        long pooledLine = (long)Pool.Geometry.OutWidth * Positions;
        bool packs = ConvolutionPositionLanes.PacksTails(Layer);
        int wholeWidth = packs ? g.OutWidth - (g.OutWidth % Positions) : g.OutWidth;
        int tailStart = g.OutWidth - (Positions / 2);
        code.Line($"// Output positions as the lanes, as in the convolution's own kernel: tiles of {TileRows} output rows x {Positions} positions, one accumulator");
        code.Line("// per filter and row, which adds the bias and the taps in that kernel's order. Each tile is pooled in registers: the maximum of rows");
        code.Line("// 0 and 1 and of rows 2 and 3, then of neighbouring lanes, gives 2 rows x 8 positions of the pool, transposed into channels-last");
        code.Line("// positions as they are stored." + (g.OutWidth % Positions != 0 && !packs ? " The last tile of a row overlaps the one before." : string.Empty)
            + (g.OutHeight % TileRows != 0 ? " The last tile of rows overlaps the one before." : string.Empty));
        if (packs)
        {
            code.Line($"// Each row's last 8 positions ({tailStart} to {g.OutWidth - 1}) are computed apart, those of two rows in one vector, in tiles of 4 pairs");
            code.Line("// of rows: the maximum of each vector's halves, then of neighbouring lanes, gives 4 rows x 4 positions of the pool."
                + (g.OutHeight % (2 * TileRows) != 0 ? " The last tile of rows overlaps the one before." : string.Empty));
        }

        isa.OptimizeFully(code);
        code.Open($"private static void {Name}{isa.MethodSuffix}({string.Join(", ", Parameters)})");
        if (filters > MaxGroup)
        {
            code.Line($"// each filter's pooled vector, [{filters}][{Positions}]");
            code.Line($"Span<float> pooledVectors = stackalloc float[{filters * Positions}];");
            code.Line("ref float maxima = ref MemoryMarshal.GetReference(pooledVectors);");
        }

        code.Open("for (int r = 0; r < rows; r++)");
        string oy = ConvolutionPositionLanes.OpenTiles(code, "ty", "oy", g.OutHeight, TileRows);
        DeclareRef(code, "xo", "x", Plus(Times("r", Layer.SourceRowStride), Times(oy, rowFloats)));
        DeclareRef(code, "po", "p", Plus(Times("r", Pool.Output.RowStride), Times(oy, pooledLine / 2)));
        string px = ConvolutionPositionLanes.OpenTiles(code, "tx", "px", wholeWidth, Positions);
        DeclareRef(code, "xt", "xo", px);
        DeclareRef(code, "pt", "po", Times(px, Positions / 2));
        EmitGroups(
            (i, input) => isa.Load("xt", Text(input + (i * rowFloats))),
            "rows 0 and 1, rows 2 and 3, then neighbouring positions: lanes 0 to 7 of m{f} are a row of the pool, lanes 8 to 15 the row after it",
            f => $"global::NetGen.Kernels.MaxPoolLanes.Neighbours({isa.Max(Accumulator(0, f), Accumulator(1, f))}, {isa.Max(Accumulator(2, f), Accumulator(3, f))})",
            $"ref pt, {RefAt("pt", Text(pooledLine))}");
        ConvolutionPositionLanes.CloseTiles(code, wholeWidth, Positions);
        ConvolutionPositionLanes.CloseTiles(code, g.OutHeight, TileRows);
        if (packs)
        {
            string op = ConvolutionPositionLanes.OpenTiles(code, "tp", "op", g.OutHeight, 2 * TileRows);
            DeclareRef(code, "xp", "x", Plus(Times("r", Layer.SourceRowStride), Times(op, rowFloats), Text(tailStart)));
            DeclareRef(code, "pp", "p", Plus(Times("r", Pool.Output.RowStride), Times(op, pooledLine / 2), Text((long)tailStart / 2 * Positions)));

            // Pair i of rows in accumulator i, as in the convolution's own kernel: lanes 0 to 7 the last 8 positions of row 2i, lanes 8
            // to 15 those of row 2i + 1.
            EmitGroups(
                (i, input) => $"Avx512F.InsertVector256({isa.Load("xp", Text(input + (2L * i * rowFloats)))}, Vector256.LoadUnsafe(ref xp, {Text(input + (2L * i * rowFloats) + rowFloats)}), 1)",
                "the halves of pairs 0 and 1, of pairs 2 and 3, then neighbouring positions: lanes 4k to 4k + 3 of m{f} are row k of the tile's pool",
                f => $"global::NetGen.Kernels.MaxPoolLanes.Neighbours(global::NetGen.Kernels.MaxPoolLanes.Halves({Accumulator(0, f)}, {Accumulator(1, f)}), global::NetGen.Kernels.MaxPoolLanes.Halves({Accumulator(2, f)}, {Accumulator(3, f)}))",
                string.Join(", ", Enumerable.Range(0, 4).Select(k => RefAt("pp", Text(k * pooledLine)))));
            ConvolutionPositionLanes.CloseTiles(code, g.OutHeight, 2 * TileRows);
        }

        code.Close();
        code.Close();

        // The filters in groups of at most 3: 12 accumulators, 4 input vectors and a broadcast leave registers to spare. With more than one
        // group, a loop over the groups (unrolled, the JIT kept the first group's input vectors for the second on the stack) whose pooled
        // vectors go to the stack until the transpose stores them all.
        void EmitGroups(System.Func<int, long, string> load, string note, System.Func<int, string> pooled, string destinations)
        {
            int groups = (filters + MaxGroup - 1) / MaxGroup;
            int size = (filters + groups - 1) / groups;
            if (groups == 1)
            {
                ConvolutionPositionLanes.EmitAccumulators(code, isa, Layer, TileRows, inputRow, load, filters, j => $"Unsafe.Add(ref b, {j})", (j, tap) => $"Unsafe.Add(ref w, {Text(tap + j)})");
                code.Line("// " + note);
                for (int j = 0; j < filters; j++)
                {
                    code.Line($"{isa.VectorType} m{j} = {Activated(isa, Activation, pooled(j))};");
                }

                Store(Enumerable.Range(0, filters).Select(j => $"m{j}"), destinations);
                return;
            }

            code.Open($"for (int group = 0; group < {groups}; group++)");
            bool even = size * groups == filters;
            if (!even)
            {
                code.Line("// the last group's filters beyond the layer's repeat its last one");
            }

            code.Line(even
                ? $"int {string.Join(", ", Enumerable.Range(0, size).Select(j => j == 0 ? $"f0 = group * {size}" : $"f{j} = f0 + {j}"))};"
                : $"int {string.Join(", ", Enumerable.Range(0, size).Select(j => j == 0 ? $"f0 = group * {size}" : $"f{j} = Math.Min(f0 + {j}, {filters - 1})"))};");
            code.Line(string.Join(" ", Enumerable.Range(0, size).Select(j => $"ref float w{j} = ref Unsafe.Add(ref w, f{j});")));
            ConvolutionPositionLanes.EmitAccumulators(code, isa, Layer, TileRows, inputRow, load, size, j => $"Unsafe.Add(ref b, f{j})", (j, tap) => tap == 0 ? $"w{j}" : $"Unsafe.Add(ref w{j}, {Text(tap)})");
            code.Line("// " + note.Replace("m{f}", "each filter's vector"));
            for (int j = 0; j < size; j++)
            {
                code.Line(isa.Store(Activated(isa, Activation, pooled(j)), "maxima", $"(nuint)f{j} * {Positions}"));
            }

            code.Close();
            Store(Enumerable.Range(0, filters).Select(f => isa.Load("maxima", Text((long)f * Positions))), destinations);
        }

        void Store(IEnumerable<string> pooledFilters, string destinations)
        {
            IEnumerable<string> channels = pooledFilters.Concat(Enumerable.Repeat(isa.Zero, 8 - filters));
            code.Line($"global::NetGen.Kernels.ChannelTranspose.Store16x8({destinations}, {string.Join(", ", channels)});");
        }
    }
}
