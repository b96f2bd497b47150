using System;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// A weight matrix stored in panels of columns (<see cref="PanelNet"/>'s second layer) keeps the
/// public contract: parameters and gradients cross the API in PyTorch order, each at its own place.
/// The gradient, training and checkpoint theories over the network catalog cover the same network.
/// </summary>
public class PanelLayoutTests
{
    [Fact]
    public void Every_parameter_imported_in_canonical_order_is_exported_at_the_same_index()
    {
        var network = new PanelNet(seed: 1);
        var imported = new float[PanelNet.ParameterCount];
        for (int i = 0; i < imported.Length; i++)
        {
            // distinct values, so that two indices sharing one place, or a panel read at the wrong row, show
            imported[i] = (i + 1) * 1e-6f;
        }

        network.ImportParameters(imported);
        NumericAssert.BitwiseEqual(imported, TestData.Parameters(network), "parameters after import");
    }

    [Fact]
    public void A_weight_of_the_packed_layer_connects_exactly_its_input_to_its_output()
    {
        // Only weight (o, i) of layer 2 is non-zero, with a bias that keeps one unit of layer 1 at tanh(1):
        // output o of layer 2 must be tanh(1) x weight, every other output 0, for every o and i probed.
        var network = new PanelNet(seed: 2);
        LayerInfo first = PanelNet.Architecture.Layers[0];
        LayerInfo second = PanelNet.Architecture.Layers[1];
        foreach ((int o, int i) in new[] { (0, 0), (63, 1), (64, 2), (250, 159), (575, 80), (599, 159) })
        {
            var parameters = new float[PanelNet.ParameterCount];
            parameters[first.BiasOffset + i] = 1f;
            parameters[second.ParameterOffset + (o * second.InputSize) + i] = 0.5f;

            // Layer 3 reads unit o of layer 2 only, into its output 0: the softmax shows whether that unit got the weight.
            LayerInfo third = PanelNet.Architecture.Layers[2];
            parameters[third.ParameterOffset + o] = 4f;
            network.ImportParameters(parameters);
            var outputs = new float[3];
            network.Predict(new float[9], outputs);
            double logit = 4.0 * 0.5 * Math.Tanh(1.0);
            double sum = Math.Exp(logit) + 2.0;
            NumericAssert.Close([Math.Exp(logit) / sum, 1.0 / sum, 1.0 / sum], outputs, 1e-5, 1e-6, $"weight ({o}, {i})");
        }
    }
}
