using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Parsing;

/// <summary>A problem with the declaring type or an attribute argument, found while parsing, at its location.</summary>
/// <param name="Id">One of <see cref="Validation.ProblemIds"/>.</param>
/// <param name="Location">Where to report it.</param>
/// <param name="Arguments">The values its message names.</param>
internal sealed record LocatedProblem(string Id, Location Location, params object[] Arguments);
