using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Support;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The values the pipeline carries past the parser hold no ISymbol, SyntaxNode, SyntaxTree,
/// Location, SemanticModel or Compilation (which would keep compilations alive and defeat
/// caching), and compare by value.
/// </summary>
public class PipelineModelTests
{
    private static readonly Type[] s_forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(SemanticModel), typeof(Compilation), typeof(AttributeData),
    ];

    public static TheoryData<string> Names => SnapshotTests.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void The_specs_step_holds_no_symbol_syntax_location_or_compilation(string name)
    {
        (GeneratorRunResult result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(SnapshotTests.Source(name)));
        object[] specs = Specs(result);
        Assert.NotEmpty(specs);
        foreach (object spec in specs)
        {
            var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
            Walk(spec, "spec", visited);
            Assert.True(visited.Count > 5, $"The walk saw only {visited.Count} objects; it did not look inside the model.");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Specs_of_two_separate_compilations_of_the_same_source_are_equal(string name)
    {
        object[] first = Specs(GeneratorHarness.Run(GeneratorHarness.Compile(SnapshotTests.Source(name))).Result);
        object[] second = Specs(GeneratorHarness.Run(GeneratorHarness.Compile(SnapshotTests.Source(name))).Result);
        Assert.Equal(first.Length, second.Length);
        for (int i = 0; i < first.Length; i++)
        {
            Assert.NotSame(first[i], second[i]);
            Assert.Equal(first[i], second[i]);
            Assert.Equal(first[i].GetHashCode(), second[i].GetHashCode());
        }
    }

    [Fact]
    public void The_walk_finds_a_symbol_hidden_in_a_model()
    {
        // The check itself can fail: a value holding a Location is caught.
        var holder = new List<object> { 1, new KeyValuePair<string, object>("where", Location.None) };
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Assert.ThrowsAny<Exception>(() => Walk(holder, "holder", visited));
    }

    private static object[] Specs(GeneratorRunResult result)
        => result.TrackedSteps[TrackingNames.Plans].SelectMany(step => step.Outputs).Select(output => output.Value).ToArray();

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null)
        {
            return;
        }

        Type type = value.GetType();
        foreach (Type forbidden in s_forbidden)
        {
            Assert.False(forbidden.IsInstanceOfType(value), $"{path} is a {type.FullName}, which is a {forbidden.Name}.");
        }

        if (type.IsPrimitive || type.IsEnum || value is string or decimal || (!type.IsValueType && !visited.Add(value)))
        {
            return;
        }

        if (type.IsValueType)
        {
            visited.Add(value);
        }

        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                Walk(item, $"{path}[{index++}]", visited);
            }
        }

        for (Type? current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (FieldInfo field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), $"{path}.{field.Name}", visited);
            }
        }
    }
}
