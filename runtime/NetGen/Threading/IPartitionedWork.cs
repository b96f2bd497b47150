using System.ComponentModel;

namespace NetGen.Threading;

/// <summary>Work that a <see cref="WorkerTeam"/> runs in parts, one per thread, each part on its own
/// disjoint share of the outputs so that no reduction across threads is needed.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPartitionedWork
{
    /// <summary>Runs part <paramref name="part"/> of <paramref name="parts"/>.</summary>
    /// <param name="part">The part, from 0.</param>
    /// <param name="parts">The number of parts.</param>
    void RunPart(int part, int parts);
}
