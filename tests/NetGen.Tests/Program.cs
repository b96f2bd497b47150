using System;
using System.Globalization;

namespace NetGen.Tests;

/// <summary>
/// The entry point of the test assembly (instead of the one the test SDK generates): the test runner
/// does not use it; <see cref="AllocationTests"/> starts the assembly as a child process with
/// <see cref="AllocationWorker.Command"/> to measure allocations in a process that runs nothing else.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == AllocationWorker.Command)
        {
            return AllocationWorker.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), Console.Out);
        }

        Console.Error.WriteLine($"usage: dotnet NetGen.Tests.dll {AllocationWorker.Command} <network> <threads>");
        return 2;
    }
}
