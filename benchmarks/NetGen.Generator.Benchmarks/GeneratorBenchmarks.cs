using System.Linq;
using BenchmarkDotNet.Attributes;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator;

namespace NetGen.Generator.Benchmarks;

/// <summary>
/// The generator's time for one network in a project of two files, the network's and an
/// unrelated one: a cold run (a new driver over a fresh compilation, as on opening the project)
/// and an unrelated edit (the primed driver after a keystroke in the other file, which must reuse
/// the cached output).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private Compilation _compilation = null!;
    private SyntaxTree _unrelated = null!;
    private SyntaxTree _edited = null!;
    private GeneratorDriver _primed = null!;

    /// <summary>The declared network.</summary>
    [ParamsAllValues]
    public Network Network { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SyntaxTree network = CSharpSyntaxTree.ParseText(Declarations.Of(Network), ParseOptions, "Network.cs");
        _unrelated = CSharpSyntaxTree.ParseText(Declarations.Unrelated, ParseOptions, "Unrelated.cs");
        SourceText text = _unrelated.GetText();
        int at = Declarations.Unrelated.IndexOf("return 1;", System.StringComparison.Ordinal) + "return ".Length;
        _edited = _unrelated.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, 1), "2")));
        _compilation = CSharpCompilation.Create(
            "Benchmark",
            new[] { network, _unrelated },
            Net100.References.All.Cast<MetadataReference>().Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _primed = NewDriver().RunGenerators(_compilation);
        if (_primed.GetRunResult().Results.Single().GeneratedSources.IsEmpty)
        {
            throw new System.InvalidOperationException($"The {Network} declaration generated nothing.");
        }
    }

    /// <summary>A new driver over a fresh copy of the compilation: parsing of attributes, shape checks and all emission.</summary>
    [Benchmark]
    public GeneratorDriver ColdRun() => NewDriver().RunGenerators(_compilation.Clone());

    /// <summary>The primed driver after an edit of the unrelated file: the network's output comes from the cache.</summary>
    [Benchmark]
    public GeneratorDriver UnrelatedEdit() => _primed.RunGenerators(_compilation.ReplaceSyntaxTree(_unrelated, _edited));

    private static CSharpGeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
}
