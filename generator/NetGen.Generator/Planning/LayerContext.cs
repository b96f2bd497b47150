using System.Collections.Generic;
using NetGen.Generator.Layers;
using NetGen.Generator.Model;
using NetGen.Generator.Validation;

namespace NetGen.Generator.Planning;

/// <summary>What a layer kind sees while it plans one layer: the network, the tensor it receives, what
/// comes before it, and where it asks for buffers and reports problems.</summary>
internal sealed class LayerContext
{
    private readonly List<BufferRequest> _buffers;
    private readonly List<Problem> _problems;

    public LayerContext(NetworkSpec network, int index, TensorPlan input, bool trainableBefore, long canonicalOffset, bool allowPanels, List<BufferRequest> buffers, List<Problem> problems, IReadOnlyList<LayerPlan> planned)
    {
        Planned = planned;
        Network = network;
        Index = index;
        Input = input;
        TrainableBefore = trainableBefore;
        CanonicalOffset = canonicalOffset;
        AllowPanels = allowPanels;
        _buffers = buffers;
        _problems = problems;
    }

    public NetworkSpec Network { get; }

    /// <summary>The layer's position in the declaration, from 0.</summary>
    public int Index { get; }

    /// <summary>The tensor the layer receives.</summary>
    public TensorPlan Input { get; }

    /// <summary>The layers before this one, planned; a layer may read the tensor any of them received.</summary>
    public IReadOnlyList<LayerPlan> Planned { get; }

    /// <summary>Whether a layer with parameters comes before this one, so that the gradient must flow through it.</summary>
    public bool TrainableBefore { get; }

    /// <summary>Whether this is the last layer, whose output is the network's.</summary>
    public bool IsLast => Index == Network.Layers.Count - 1;

    /// <summary>Whether the loss is computed from this layer's logits, fused with <paramref name="activation"/>: a cross-entropy on the
    /// last layer with the activation it fits (its gradient then starts at the pre-activation). A last layer without activation
    /// outputs the logits themselves, and the loss applies the activation.</summary>
    public bool LossFusedWith(Vocabulary.Activation activation) => IsLast && activation == Network.FusedActivation;

    /// <summary>Where the layer's parameters start in the canonical (PyTorch <c>state_dict</c>) order.</summary>
    public long CanonicalOffset { get; }

    /// <summary>Whether large weight matrices may be stored in panels (off when the network would not fit with their spacing).</summary>
    public bool AllowPanels { get; }

    /// <summary>The name of the layer in emitted code, after its position from 1: <c>Layer3</c>.</summary>
    public string Name => "Layer" + (Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The layer as messages name it: <c>layer 3</c>.</summary>
    public string Label => "layer " + (Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Asks for <see cref="NetworkSpec.BatchSize"/> rows of <paramref name="floatsPerRow"/> floats, named <see cref="Name"/> + <paramref name="suffix"/>.</summary>
    public string Rows(string suffix, long floatsPerRow, string comment) => Add(new BufferRequest(Name + suffix, BufferRole.Rows, floatsPerRow, comment));

    /// <summary>Asks for a parameter tensor of <paramref name="floats"/> floats (padding included) in every parameter-shaped block.</summary>
    public string Parameter(string suffix, bool penalized, long floats, string comment)
        => Add(new BufferRequest(Name + suffix, penalized ? BufferRole.Weights : BufferRole.Biases, floats, comment));

    /// <summary>Asks for one buffer of <paramref name="floats"/> floats (not one per row) that the layer derives from its parameters.</summary>
    public string Workspace(string suffix, long floats, string comment) => Add(new BufferRequest(Name + suffix, BufferRole.Workspace, floats, comment));
    /// <summary>Asks for one buffer of <paramref name="floats"/> floats that a single-threaded pass fills for the others to read.</summary>
    public string Scratch(string suffix, long floats, string comment) => Add(new BufferRequest(Name + suffix, BufferRole.Scratch, floats, comment));

    /// <summary>Asks for <paramref name="floats"/> floats the layer carries from one streamed step to the next, zeroed when a stream starts.</summary>
    public string StreamState(string suffix, long floats, string comment) => Add(new BufferRequest(Name + suffix, BufferRole.StreamState, floats, comment));
    /// <summary>Asks for a tensor of state of <paramref name="floats"/> floats: not trained, changed by training calls, saved with the network.</summary>
    public string State(string suffix, long floats, string comment) => Add(new BufferRequest(Name + suffix, BufferRole.State, floats, comment));

    /// <summary>Whether the layer found that it would not fit in one array (see <see cref="ReportTooLarge"/>).</summary>
    public bool TooLarge { get; private set; }

    /// <summary>The parameters of a layer that reported itself too large, for the message.</summary>
    public double TooLargeParameters { get; private set; }

    /// <summary>Marks the layer as too large to allocate (a row or a tensor beyond what one array holds); the planner
    /// reports it for the whole network. Returns null, for the kind to return.</summary>
    public LayerPlan? ReportTooLarge(double parameters)
    {
        TooLarge = true;
        TooLargeParameters = parameters;
        return null;
    }

    /// <summary>Reports a problem at this layer's attribute, or at its <paramref name="argument"/>.</summary>
    public void Report(string id, string? argument, params string[] arguments) => _problems.Add(new Problem(id, Site.OfLayer(Index, argument), arguments));

    private string Add(BufferRequest request)
    {
        _buffers.Add(request);
        return request.Name;
    }
}
