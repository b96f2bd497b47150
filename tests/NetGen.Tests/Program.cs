using System;

namespace NetGen.Tests;

/// <summary>
/// The entry point of the test assembly (instead of the one the test SDK generates): the test runner
/// does not use it; <see cref="ThreadedAllocationTests"/> starts the assembly as a child process with
/// <see cref="ThreadedAllocationWorker.Command"/> to measure allocations in a process that runs nothing else.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == ThreadedAllocationWorker.Command)
        {
            return ThreadedAllocationWorker.Run(args[1..], Console.Out);
        }

        Console.Error.WriteLine($"usage: dotnet NetGen.Tests.dll {ThreadedAllocationWorker.Command} <network> <threads>");
        return 2;
    }
}
