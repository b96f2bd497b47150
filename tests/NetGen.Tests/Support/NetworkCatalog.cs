using System;
using System.Collections.Generic;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Support;

/// <summary>The awkward-size networks (and one whose wide layer is stored in panels) by name, so that theories run once per network with a readable name.</summary>
internal static class NetworkCatalog
{
    private static readonly Dictionary<string, Func<int, INetwork>> s_factories = new()
    {
        [nameof(SquaredErrorReluTanhNet)] = seed => new SquaredErrorReluTanhNet(seed),
        [nameof(AbsoluteErrorLeakySigmoidNet)] = seed => new AbsoluteErrorLeakySigmoidNet(seed),
        [nameof(HuberEluSoftmaxNet)] = seed => new HuberEluSoftmaxNet(seed),
        [nameof(BinaryCrossEntropyGeluNet)] = seed => new BinaryCrossEntropyGeluNet(seed),
        [nameof(CategoricalSigmoidLeakyNet)] = seed => new CategoricalSigmoidLeakyNet(seed),
        [nameof(SquaredErrorSigmoidSoftmaxNet)] = seed => new SquaredErrorSigmoidSoftmaxNet(seed),
        [nameof(ZeroRateDropoutNet)] = seed => new ZeroRateDropoutNet(seed),
        [nameof(SingleRowHuberNet)] = seed => new SingleRowHuberNet(seed),
        [nameof(BottleneckNet)] = seed => new BottleneckNet(seed),
        [nameof(EdgeWidthNet)] = seed => new EdgeWidthNet(seed),
        [nameof(PanelNet)] = seed => new PanelNet(seed),
    };

    /// <summary>The names, as theory data.</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in s_factories.Keys)
            {
                data.Add(name);
            }

            return data;
        }
    }

    public static INetwork Create(string name, int seed = 1) => s_factories[name](seed);
}
