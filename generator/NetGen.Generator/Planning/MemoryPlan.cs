using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>What a buffer of the slab holds, which decides where it goes.</summary>
internal enum BufferRole
{
    /// <summary>A penalised parameter tensor (a weight): in every parameter-shaped block, before the others.</summary>
    Weights,

    /// <summary>A parameter tensor without penalty (a bias): in every parameter-shaped block, after the weights.</summary>
    Biases,

    /// <summary>Rows of activations, gradients or masks, BatchSize of them, after the parameter-shaped blocks.</summary>
    Rows,

    /// <summary>A tensor that is not trained but changes in training calls and is saved with the network (BatchNorm's running
    /// statistics): after the parameter-shaped blocks, every state tensor one after the other.</summary>
    State,

    /// <summary>One buffer of its own length (not one per row) that a layer derives from its parameters, after the rows.</summary>
    Workspace,
    /// <summary>One buffer of a given length that a pass fills before it splits its rows between threads (a weight copied
    /// in another layout for the backward pass, a normalisation's statistics over every row of a call), after the rows.</summary>
    Scratch,

    /// <summary>What a layer carries from one streamed step to the next (a recurrent state): one region after the scratch
    /// buffers, so that starting a new stream zeroes it at once.</summary>
    StreamState,
}

/// <summary>One buffer a layer asks for.</summary>
/// <param name="Name">The constant naming its offset in the emitted code, such as <c>Layer1Weights</c>.</param>
/// <param name="Role">What it holds.</param>
/// <param name="Length">Its floats: for <see cref="BufferRole.Rows"/> the floats of one row, else of the tensor or workspace.</param>
/// <param name="Comment">Its shape and meaning, for the emitted comment.</param>
internal sealed record BufferRequest(string Name, BufferRole Role, long Length, string Comment);

/// <summary>A buffer with its offset in the slab.</summary>
/// <param name="Request">What was asked for.</param>
/// <param name="Offset">Where it starts, in floats from the slab's aligned origin (relative to the start of a block for parameter tensors).</param>
internal sealed record BufferPlan(BufferRequest Request, long Offset)
{
    public string Name => Request.Name;
}

/// <summary>
/// The memory plan of a network: one slab of floats holding every buffer at a 64-byte aligned offset.
/// Parameter-shaped blocks (parameters, gradients, optimizer state) share one layout: every penalised tensor,
/// then every other one, so that an update of the weights is one call and one of the biases another. The state
/// (tensors saved but not trained) follows when a layer has one, then the rows of every layer, the workspaces, the scratch
/// buffers, the stream state, and a copy of the input rows for threaded training calls. Sizes are in 64-bit so
/// that an oversized declaration is reported rather than overflowing.
/// </summary>
internal sealed record MemoryPlan(
    EquatableArray<BufferPlan> Parameters,
    EquatableArray<BufferPlan> Rows,
    EquatableArray<BufferPlan> Others,
    long StreamState,
    long StreamStateLength,
    long WeightsLength,
    long BlockLength,
    int StateTensors,
    long InputCopy,
    long InputCopyLength,
    long SlabLength)
{
    /// <summary>The state tensors, each at its offset in the slab.</summary>
    public EquatableArray<BufferPlan> Tensors { get; init; }

    /// <summary>Where the state starts in the slab.</summary>
    public long StateStart { get; init; }

    /// <summary>The floats of the state, each tensor padded to the alignment; 0 when no layer keeps state.</summary>
    public long StateLength { get; init; }

    /// <summary>Floats per alignment unit: 16 floats are 64 bytes, one AVX-512 vector and a cache line.</summary>
    public const int Alignment = 16;

    /// <summary>The floats of 4 KB: addresses this far apart fall into the same sets of a first-level data cache.</summary>
    public const int CacheSetSpan = 1024;

    /// <summary>The largest slab a float array can hold, less the alignment slack.</summary>
    public const long MaxSlabFloats = 0x7FFFFFC7L - Alignment;

    public long GradientsOffset => BlockLength;

    public long StateOffset(int tensor) => (2 + tensor) * BlockLength;

    public static int Pad(int count) => (int)PadLong(count);

    public static long PadLong(long count) => (count + Alignment - 1) / Alignment * Alignment;

    /// <summary>Lays out <paramref name="requests"/> in the order they came; null when the slab would not fit in one array.</summary>
    public static MemoryPlan? Create(IReadOnlyList<BufferRequest> requests, int batchSize, long inputSize, int stateTensors)
    {
        var parameters = new List<BufferPlan>();
        long offset = 0;
        long weightsLength = 0;
        foreach (BufferRole role in new[] { BufferRole.Weights, BufferRole.Biases })
        {
            foreach (BufferRequest request in requests)
            {
                if (request.Role == role)
                {
                    parameters.Add(new BufferPlan(request, offset));
                    offset += PadLong(request.Length);
                }
            }

            weightsLength = role == BufferRole.Weights ? offset : weightsLength;
        }

        long blockLength = offset;
        long slab = (2 + stateTensors) * blockLength;
        long stateStart = slab;
        var tensors = new List<BufferPlan>();
        foreach (BufferRequest request in requests)
        {
            if (request.Role == BufferRole.State)
            {
                tensors.Add(new BufferPlan(request, slab));
                slab += PadLong(request.Length);
            }
        }

        long stateLength = slab - stateStart;
        if (stateLength > int.MaxValue)
        {
            return null;
        }

        var rows = new List<BufferPlan>();
        foreach (BufferRequest request in requests)
        {
            if (request.Role == BufferRole.Rows)
            {
                rows.Add(new BufferPlan(request, slab));
                slab += PadLong(batchSize * request.Length);
                if (slab > MaxSlabFloats)
                {
                    return null;
                }
            }
        }

        foreach (BufferRequest request in requests)
        {
            if (request.Role == BufferRole.Workspace)
            {
                rows.Add(new BufferPlan(request, slab));
                slab += PadLong(request.Length);
            }
        }

        // Scratch buffers, then the stream state in one region.
        var others = new List<BufferPlan>();
        long streamState = 0;
        foreach (BufferRole role in new[] { BufferRole.Scratch, BufferRole.StreamState })
        {
            streamState = slab;
            foreach (BufferRequest request in requests)
            {
                if (request.Role == role)
                {
                    others.Add(new BufferPlan(request, slab));
                    slab += PadLong(request.Length);
                }
            }
        }

        long streamStateLength = slab - streamState;
        long inputCopyLength = batchSize * inputSize;
        long inputCopy = slab;
        slab += PadLong(inputCopyLength);
        if (slab > MaxSlabFloats || blockLength > int.MaxValue)
        {
            return null;
        }

        return new MemoryPlan(new EquatableArray<BufferPlan>(parameters), new EquatableArray<BufferPlan>(rows), new EquatableArray<BufferPlan>(others), streamState, streamStateLength, weightsLength, blockLength, stateTensors, inputCopy, inputCopyLength, slab)
        {
            Tensors = new EquatableArray<BufferPlan>(tensors),
            StateStart = stateStart,
            StateLength = stateLength,
        };
    }
}
