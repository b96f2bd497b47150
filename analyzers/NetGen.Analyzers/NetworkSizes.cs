using Microsoft.CodeAnalysis;

namespace NetGen.Analyzers;

/// <summary>
/// The sizes of a generated network, read from the constants the generator emitted
/// (<c>InputSize</c>, <c>OutputSize</c>, <c>BatchSize</c>, <c>ParameterCount</c>, and <c>StepInputSize</c> and
/// <c>StepOutputSize</c> for a network that streams), so that call-site
/// checks agree with the generated code, also for networks in referenced assemblies.
/// </summary>
internal readonly struct NetworkSizes
{
    private NetworkSizes(int inputSize, int outputSize, int batchSize, int parameterCount, int stepInputSize, int stepOutputSize)
    {
        StepInputSize = stepInputSize;
        StepOutputSize = stepOutputSize;
        InputSize = inputSize;
        OutputSize = outputSize;
        BatchSize = batchSize;
        ParameterCount = parameterCount;
    }

    public int InputSize { get; }

    public int OutputSize { get; }

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
        sizes = new NetworkSizes(input, output, batch, parameters, stepInput, stepOutput);
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
