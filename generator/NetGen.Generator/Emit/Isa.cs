using System.Collections.Generic;

namespace NetGen.Generator.Emit;

/// <summary>
/// One instruction set a network's kernels are emitted for. Every path is emitted; the JIT keeps
/// the one whose <see cref="Condition"/> holds on the machine and drops the others.
/// </summary>
internal sealed class Isa
{
    private Isa(string name, string vectorType, string vectorClass, int width, int accumulators, int registers, string condition, bool portable = false)
    {
        IsPortable = portable;
        MethodSuffix = portable ? string.Empty : "_" + name;
        Registers = registers;
        Name = name;
        VectorType = vectorType;
        VectorClass = vectorClass;
        Width = width;
        Accumulators = accumulators;
        Condition = condition;
    }

    /// <summary>AVX-512: 32 registers of 16 floats.</summary>
    public static Isa Vector512 { get; } = new("Vector512", "Vector512<float>", "Vector512", 16, 24, 32, "Vector512.IsHardwareAccelerated");

    /// <summary>AVX2 with FMA3: 16 registers of 8 floats.</summary>
    public static Isa Vector256 { get; } = new("Vector256", "Vector256<float>", "Vector256", 8, 12, 16, "Vector256.IsHardwareAccelerated && Fma.IsSupported");

    /// <summary>SSE on x64 and NEON on Arm: 4 floats, 16 registers on x64 (32 on Arm; the smaller count is used).</summary>
    public static Isa Vector128 { get; } = new("Vector128", "Vector128<float>", "Vector128", 4, 12, 16, "Vector128.IsHardwareAccelerated");

    /// <summary>No SIMD: one float at a time.</summary>
    public static Isa Scalar { get; } = new("Scalar", "float", "", 1, 8, 16, "true");

    /// <summary>The scalar path of portable code (C# 9, no <c>System.Runtime.Intrinsics</c>): the only path, so its kernels
    /// carry the dispatchers' names and the passes call them directly.</summary>
    public static Isa PortableScalar { get; } = new("Scalar", "float", "", 1, 8, 16, "true", portable: true);

    /// <summary>Widest first, in the order the dispatch tests them.</summary>
    public static IReadOnlyList<Isa> All { get; } = new[] { Vector512, Vector256, Vector128, Scalar };

    /// <summary>The instruction sets whose kernels a network gets: every one, or only the scalar path in portable code.</summary>
    public static IReadOnlyList<Isa> For(bool portable) => portable ? new[] { PortableScalar } : All;

    /// <summary>The name of this instruction set, which its kernel file and (but in portable code) its methods carry.</summary>
    public string Name { get; }

    /// <summary>What a kernel's method for this instruction set adds to the dispatcher's name: <c>_</c> and <see cref="Name"/>,
    /// or nothing on the portable scalar path, which has no dispatcher.</summary>
    public string MethodSuffix { get; }

    public string VectorType { get; }

    private string VectorClass { get; }

    /// <summary>Floats per vector.</summary>
    public int Width { get; }

    /// <summary>How many accumulators a register tile may hold, leaving registers for loads and broadcasts.</summary>
    public int Accumulators { get; }

    /// <summary>The vector registers the JIT can allocate (x64: 32 with AVX-512, 16 otherwise; the scalar path uses the same 16).</summary>
    public int Registers { get; }

    public string Condition { get; }

    public bool IsScalar => Width == 1;

    /// <summary>Whether this is the path of portable code (<see cref="PortableScalar"/>).</summary>
    public bool IsPortable { get; }

    /// <summary>The registers the tiles of this instruction set are planned for.</summary>
    public Planning.RegisterFile RegisterFile => new(Width, Accumulators, Registers);

    public string Load(string reference, string offset)
        => IsScalar ? $"Unsafe.Add(ref {reference}, {offset})" : $"{VectorClass}.LoadUnsafe(ref {reference}, {offset})";

    public string Store(string value, string reference, string offset)
        => IsScalar ? $"Unsafe.Add(ref {reference}, {offset}) = {value};" : $"{Receiver(value)}.StoreUnsafe(ref {reference}, {offset});";

    public string Broadcast(string scalar) => IsScalar ? scalar : $"{VectorClass}.Create({scalar})";

    public string Zero => IsScalar ? "0f" : $"{VectorType}.Zero";

    public string Sum(string vector) => IsScalar ? vector : $"{VectorClass}.Sum({vector})";

    public string Max(string a, string b) => IsScalar ? $"MathF.Max({a}, {b})" : $"{VectorClass}.Max({a}, {b})";
    public string Sqrt(string vector) => IsScalar ? $"MathF.Sqrt({vector})" : $"{VectorClass}.Sqrt({vector})";

    /// <summary>A mask of the first <paramref name="lanes"/> lanes of a vector (all ones there, zeros beyond), for the last vector of
    /// channels that do not fill it.</summary>
    public string LaneMask(int lanes) => $"{VectorClass}.LessThan({VectorType}.Indices, {VectorClass}.Create({lanes}f))";

    /// <summary>An expression usable before <c>.Method()</c>: parenthesised unless it is a name or a call.</summary>
    private static string Receiver(string value)
    {
        int depth = 0;
        foreach (char c in value)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && (c == ' ' || c == '+' || c == '-' || c == '*' || c == '/'))
            {
                return $"({value})";
            }
        }

        return value;
    }

    /// <summary>The attribute on every emitted pass and kernel: compiled fully optimised at once. A kernel runs
    /// few times but long, so tiered compilation would keep it in unoptimised and on-stack-replaced code for many calls.</summary>
    public const string FullOptimization = "[MethodImpl(MethodImplOptions.AggressiveOptimization)]";

    /// <summary>Writes <see cref="FullOptimization"/> above a kernel, except in portable code: .NET Standard 2.1 has no
    /// <c>AggressiveOptimization</c>.</summary>
    public void OptimizeFully(CodeWriter code)
    {
        if (!IsPortable)
        {
            code.Line(FullOptimization);
        }
    }

    /// <summary><c>a * b + c</c>: the hardware intrinsic itself where the path implies it (AVX-512F; FMA3, which the
    /// Vector256 path requires), so that the JIT has nothing to inline in the hottest loops; the runtime's fused
    /// helper on the Vector128 path (FMA3 or NEON); an unfused expression on the scalar path.</summary>
    public string MultiplyAdd(string a, string b, string c) => Name switch
    {
        "Vector512" => $"Avx512F.FusedMultiplyAdd({a}, {b}, {c})",
        "Vector256" => $"Fma.MultiplyAdd({a}, {b}, {c})",
        "Vector128" => $"MultiplyAdd({a}, {b}, {c})",
        _ => $"({a} * {b}) + {c}",
    };
}
