using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NetGen.Tests.Shared;

/// <summary>MSBuild properties as the compiler passes them to generators and analyzers: global options named <c>build_property.Name</c>.</summary>
internal sealed class BuildProperties : AnalyzerConfigOptionsProvider
{
    private static readonly Options None = new(ImmutableDictionary<string, string>.Empty);

    public BuildProperties(IReadOnlyDictionary<string, string> properties)
        => GlobalOptions = new Options(properties.ToImmutableDictionary(pair => "build_property." + pair.Key, pair => pair.Value));

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
