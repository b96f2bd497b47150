using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen.Threading;

/// <summary>
/// Threads kept for one network, so that a training call can split its work without allocating: the
/// caller runs part 0 and the workers the others, and <see cref="Run"/> returns when all are done.
/// The workers wait on a semaphore between calls, and stop when the team is disposed or collected.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkerTeam : IDisposable
{
    /// <summary>Row ranges start at multiples of this, and each holds at least twice as many rows, so that
    /// every row takes the same register-tile path through the kernels as on one thread.</summary>
    public const int RowGranule = 8;

    private readonly Crew _crew;

    /// <summary>Starts <paramref name="threads"/> - 1 worker threads.</summary>
    /// <param name="threads">The threads of a call, the caller's included: 2 or more.</param>
    public WorkerTeam(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 2);
        _crew = new Crew(threads);
    }

    /// <summary>Stops the workers if the team was not disposed.</summary>
    ~WorkerTeam() => _crew.Stop();

    /// <summary>The threads of a call, the caller's included.</summary>
    public int Threads => _crew.Threads;

    /// <summary>How many parts a batch of <paramref name="rows"/> rows is split into: at most <paramref name="threads"/>,
    /// with at least 2 x <see cref="RowGranule"/> rows each; 1 for small batches.</summary>
    /// <param name="rows">The rows of the call.</param>
    /// <param name="threads">The threads available.</param>
    public static int Parts(int rows, int threads) => Math.Max(1, Math.Min(threads, rows / (2 * RowGranule)));

    /// <summary>The rows of part <paramref name="part"/>: contiguous, starting at a multiple of <see cref="RowGranule"/>.</summary>
    /// <param name="rows">The rows of the call.</param>
    /// <param name="part">The part, from 0.</param>
    /// <param name="parts">The number of parts.</param>
    /// <param name="first">The first row of the part.</param>
    /// <returns>The number of rows of the part.</returns>
    public static int RowRange(int rows, int part, int parts, out int first)
    {
        int granules = rows / RowGranule;
        first = RowGranule * (int)((long)granules * part / parts);
        int end = part == parts - 1 ? rows : RowGranule * (int)((long)granules * (part + 1) / parts);
        return end - first;
    }

    /// <summary>Runs <paramref name="parts"/> parts of <paramref name="work"/>, part 0 on the calling thread, and
    /// returns when every part has finished; an exception of any part is rethrown here.</summary>
    /// <param name="work">The work.</param>
    /// <param name="parts">The number of parts, from 1 to <see cref="Threads"/>.</param>
    public void Run(IPartitionedWork work, int parts)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parts, Threads);
        _crew.Run(work, parts);
        GC.KeepAlive(this);
    }

    /// <summary>Stops the worker threads.</summary>
    public void Dispose()
    {
        _crew.Stop();
        GC.SuppressFinalize(this);
    }

    /// <summary>What the worker threads reference (not the team, so that an abandoned team can be collected).</summary>
    [SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The semaphores and the event live as long as the worker threads that wait on them; stopping releases the threads, and disposing the primitives under a waiting thread would fault it.")]
    private sealed class Crew
    {
        private readonly SemaphoreSlim[] _start;
        private readonly ManualResetEventSlim _finished = new(false);
        private IPartitionedWork? _work;
        private int _parts;
        private int _pending;
        private volatile bool _stopping;
        private ExceptionDispatchInfo? _failure;

        public Crew(int threads)
        {
            Threads = threads;
            _start = new SemaphoreSlim[threads - 1];
            for (int i = 0; i < _start.Length; i++)
            {
                _start[i] = new SemaphoreSlim(0);
                int part = i + 1;
                var thread = new Thread(() => Work(part))
                {
                    IsBackground = true,
                    Name = "NetGen worker " + part,
                };
                thread.Start();
            }
        }

        public int Threads { get; }

        public void Run(IPartitionedWork work, int parts)
        {
            ObjectDisposedException.ThrowIf(_stopping, typeof(WorkerTeam));
            _work = work;
            _parts = parts;
            _failure = null;
            _finished.Reset();
            Volatile.Write(ref _pending, parts - 1);
            for (int part = 1; part < parts; part++)
            {
                _start[part - 1].Release();
            }

            try
            {
                work.RunPart(0, parts);
            }
            finally
            {
                if (parts > 1)
                {
                    var spin = default(SpinWait);
                    while (Volatile.Read(ref _pending) != 0 && !spin.NextSpinWillYield)
                    {
                        spin.SpinOnce();
                    }

                    _finished.Wait();
                }

                _work = null;
            }

            _failure?.Throw();
        }

        public void Stop()
        {
            _stopping = true;
            foreach (SemaphoreSlim start in _start)
            {
                start.Release();
            }
        }

        private void Work(int part)
        {
            while (true)
            {
                _start[part - 1].Wait();
                if (_stopping)
                {
                    return;
                }

                try
                {
                    _work!.RunPart(part, _parts);
                }
                catch (Exception exception)
                {
                    _failure = ExceptionDispatchInfo.Capture(exception);
                }

                if (Interlocked.Decrement(ref _pending) == 0)
                {
                    _finished.Set();
                }
            }
        }
    }
}
