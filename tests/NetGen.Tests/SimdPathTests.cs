using NetGen.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests;

/// <summary>
/// The numerical tests run once on the machine's widest path and again with each narrower one forced
/// (<c>.ci/run</c>); this test fails when a run exercises another path than the one it was meant to.
/// </summary>
public class SimdPathTests(ITestOutputHelper output)
{
    [Fact]
    public void This_run_exercises_the_SIMD_path_it_was_meant_to() => output.WriteLine(SimdPath.AssertAsExpected());
}
