using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Shapes;

/// <summary>Something wrong with a declaration, found by the shared parsing and shape code.</summary>
/// <param name="Id">One of <see cref="ProblemIds"/>.</param>
/// <param name="Location">Where to report it: the attribute or argument that causes it.</param>
/// <param name="Arguments">The values its message names.</param>
internal sealed record Problem(string Id, Location Location, params object[] Arguments)
;
