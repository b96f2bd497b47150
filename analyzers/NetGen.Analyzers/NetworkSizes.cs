using Microsoft.CodeAnalysis;

namespace NetGen.Analyzers;

/// <summary>
/// The sizes of a generated network, read from the constants the generator emitted
/// (<c>InputSize</c>, <c>OutputSize</c>, <c>TargetSize</c>, <c>BatchSize</c>, <c>ParameterCount</c>, and <c>StepInputSize</c> and
/// <c>StepOutputSize</c> for a network that streams), so that call-site
/// checks agree with the generated code, also for networks in referenced assemblies.
/// </summary>
internal readonly struct NetworkSizes
{
    private NetworkSizes(int inputSize, int outputSize, int targetSize, int batchSize, int parameterCount, int stepInputSize, int stepOutputSize)
    {
        StepInputSize = stepInputSize;
        StepOutputSize = stepOutputSize;
        InputSize = inputSize;
        OutputSize = outputSize;
        TargetSize = targetSize;
        BatchSize = batchSize;
        ParameterCount = parameterCount;
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    /// <summary>The targets per row: OutputSize, or one class index per position for the sparse categorical cross-entropy.</summary>
    public int TargetSize { get; }

    public int BatchSize { get; }

    public int ParameterCount { get; }

    /// <summary>The values of one streamed step (<c>StepInputSize</c>), or 0 for a network that does not stream.</summary>
    public int StepInputSize { get; }

    /// <summary>The values of one streamed step's output (<c>StepOutputSize</c>), or 0.</summary>
    public int StepOutputSize { get; }

    /// <summary>Reads the sizes of <paramref name="type"/>; false when the generator emitted none (an invalid declaration).</summary>
    public static bool TryRead(INamedTypeSymbol type, out NetworkSizes sizes)
    {
        sizes = default;
        if (!TryConstant(type, "InputSize", out int input) ||
            !TryConstant(type, "OutputSize", out int output) ||
            !TryConstant(type, "BatchSize", out int batch) ||
            !TryConstant(type, "ParameterCount", out int parameters))
        {
            return false;
        }

        TryConstant(type, "StepInputSize", out int stepInput);
        TryConstant(type, "StepOutputSize", out int stepOutput);

        // Networks generated before TargetSize existed take OutputSize targets.
        int target = TryConstant(type, "TargetSize", out int declared) ? declared : output;
        sizes = new NetworkSizes(input, output, target, batch, parameters, stepInput, stepOutput);
        return true;
    }

    private static bool TryConstant(INamedTypeSymbol type, string name, out int value)
    {
        value = 0;
        foreach (ISymbol member in type.GetMembers(name))
        {
            if (member is IFieldSymbol { IsConst: true, ConstantValue: int number } && number > 0)
            {
                value = number;
                return true;
            }
        }

        return false;
    }
}
