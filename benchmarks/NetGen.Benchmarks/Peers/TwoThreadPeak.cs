using System;
using System.Threading;

namespace NetGen.Benchmarks.Peers;

/// <summary>
/// The multiply-add peak of two threads: <see cref="FmaPeak.Vector512Loop"/> on the calling thread and, at the same
/// time, on one worker thread started once. The most any kernel on two threads can reach here; when the machine's two
/// cores are not both free, this shows by how much, in the same run as the threaded cases.
/// </summary>
public sealed class TwoThreadPeak : IDisposable
{
    private readonly Thread _worker;
    private readonly SemaphoreSlim _start = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private volatile bool _stopping;
    private float _workerResult;

    /// <summary>Starts the worker thread, which waits for <see cref="Run"/>.</summary>
    public TwoThreadPeak()
    {
        _worker = new Thread(Work) { IsBackground = true, Name = "FMA peak worker" };
        _worker.Start();
    }

    /// <summary>One <see cref="FmaPeak.Vector512Loop"/> on each of the two threads, returning when both are done.</summary>
    public float Run()
    {
        _start.Release();
        float mine = FmaPeak.Vector512Loop(1f);
        _done.Wait();
        return mine + _workerResult;
    }

    /// <summary>Stops the worker thread.</summary>
    public void Dispose()
    {
        _stopping = true;
        _start.Release();
        _worker.Join();
        _start.Dispose();
        _done.Dispose();
    }

    private void Work()
    {
        while (true)
        {
            _start.Wait();
            if (_stopping)
            {
                return;
            }

            _workerResult = FmaPeak.Vector512Loop(2f);
            _done.Release();
        }
    }
}
