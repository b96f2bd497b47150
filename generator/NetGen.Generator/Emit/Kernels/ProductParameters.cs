using System.Collections.Generic;

namespace NetGen.Generator.Emit.Kernels;

/// <summary>The parameters of a kernel that multiplies rows <c>x</c> by a matrix <c>w</c> into rows <c>y</c>: <c>b</c> when it adds a bias,
/// <c>z</c> when it also keeps the values before the activation, and the row count.</summary>
internal static class ProductParameters
{
    public static IReadOnlyList<string> Of(bool addBias, bool storePreActivation)
    {
        var parameters = new List<string> { "ref float x", "ref float w" };
        if (addBias)
        {
            parameters.Add("ref float b");
        }

        parameters.Add("ref float y");
        if (storePreActivation)
        {
            parameters.Add("ref float z");
        }

        parameters.Add("int rows");
        return parameters;
    }
}
