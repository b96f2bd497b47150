using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator;

namespace NetGen.Unity.Tests;

/// <summary>
/// Compiles scripts as Unity does: C# 9, nullable and unsafe code off, against the netstandard2.1 reference
/// assemblies and the runtime (the reference assemblies of the framework the runtime build was made for, while the
/// project references another build than netstandard2.1), and runs the Roslyn 4.3 build of the generator over them.
/// </summary>
internal static class UnityToolchain
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp9);

    /// <summary>A library, without nullable annotations or unsafe code, and without the warnings about unified assembly versions
    /// that the .NET SDK and Unity turn off (CS1701 and CS1702: netstandard 2.0 assemblies, such as Unsafe's, against 2.1).</summary>
    public static CSharpCompilationOptions CompilationOptions { get; } = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress });

    /// <summary>The runtime assembly the scripts reference.</summary>
    public static string Runtime { get; } = Metadata("Runtime");

    /// <summary>Whether <see cref="Runtime"/> is a .NET Standard build (else the references are .NET 10's).</summary>
    public static bool RuntimeIsNetStandard { get; } = ReferencedAssemblies(Runtime).Contains("netstandard");

    public static ImmutableArray<MetadataReference> References { get; } = CreateReferences();

    public static CSharpCompilation Compile(string source)
        => CSharpCompilation.Create(
            "Scripts",
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Declaration.cs") },
            References,
            CompilationOptions);

    /// <summary>Runs the generator once, with <paramref name="options"/> as the project's options if given.</summary>
    public static (GeneratorRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Generate(
        Compilation compilation, AnalyzerConfigOptionsProvider? options = null)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            optionsProvider: options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (driver.GetRunResult().Results.Single(), output, diagnostics);
    }

    /// <summary>Warnings and errors, each with the line it is on, for an assertion's message.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics)
        => string.Join("\n", diagnostics.Select(diagnostic =>
            $"{diagnostic}\n    {diagnostic.Location.SourceTree?.GetText().Lines.GetLineFromPosition(diagnostic.Location.SourceSpan.Start).ToString().Trim()}"));

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        if (!File.Exists(Runtime))
        {
            throw new FileNotFoundException("The runtime build these tests reference has not been built.", Runtime);
        }

        IEnumerable<string> framework = RuntimeIsNetStandard
            ? Directory.GetFiles(Metadata("NetStandardReferences"), "*.dll").Append(Metadata("UnsafeReference"))
            : Directory.GetFiles(Metadata("NetCoreReferences"), "*.dll");
        return framework.Append(Runtime).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToImmutableArray();
    }

    private static HashSet<string> ReferencedAssemblies(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        MetadataReader metadata = reader.GetMetadataReader();
        return metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToHashSet(StringComparer.Ordinal);
    }

    internal static string Metadata(string key)
        => typeof(UnityToolchain).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value
           ?? throw new InvalidOperationException($"The assembly metadata {key} is missing.");
}
