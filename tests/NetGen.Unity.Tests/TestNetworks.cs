using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace NetGen.Unity.Tests;

/// <summary>A <c>[Network]</c> declaration of the test projects: where it is, and C# 9 source of its own that declares it
/// (a block-scoped namespace, and the types around it as partial classes).</summary>
/// <param name="Id">The file, relative to the tests folder, and the class name.</param>
/// <param name="Source">The declaration alone, in C# 9.</param>
internal sealed record NetworkDeclaration(string Id, string Source);

/// <summary>The network declarations of the test projects, read from their source files when the tests run.</summary>
internal static partial class TestNetworks
{
    /// <summary>The test projects whose source files declare networks (the analyzers' tests hold theirs in strings, most of them
    /// invalid on purpose).</summary>
    private static readonly string[] Projects = ["NetGen.Tests", "NetGen.Deployment.Tests", "NetGen.Training.Tests", "NetGen.Deployment.SaveWorker"];

    /// <summary>The declarations whose generated code the generator's tests keep as baselines.</summary>
    private const string SnapshotDeclarations = "NetGen.Generator.Tests/Support/Declarations.cs";

    public static IReadOnlyList<NetworkDeclaration> All { get; } = Find();

    public static NetworkDeclaration Get(string id) => All.Single(declaration => declaration.Id == id);

    private static List<NetworkDeclaration> Find()
    {
        string tests = UnityToolchain.Metadata("TestsDirectory");
        var declarations = new List<NetworkDeclaration>();
        foreach (string project in Projects)
        {
            IEnumerable<string> files = Directory.EnumerateFiles(Path.Combine(tests, project), "*.cs", SearchOption.AllDirectories)
                .Select(file => Path.GetRelativePath(tests, file).Replace('\\', '/'))
                .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal))
                .OrderBy(file => file, StringComparer.Ordinal);
            foreach (string file in files)
            {
                Add(declarations, file, File.ReadAllText(Path.Combine(tests, file)));
            }
        }

        // The generator's snapshot declarations, each the value of a string constant.
        SyntaxNode snapshots = Parse(File.ReadAllText(Path.Combine(tests, SnapshotDeclarations)));
        foreach (LiteralExpressionSyntax literal in snapshots.DescendantNodes().OfType<LiteralExpressionSyntax>())
        {
            Add(declarations, SnapshotDeclarations, literal.Token.ValueText);
        }

        return declarations;
    }

    /// <summary>The networks <paramref name="text"/> declares.</summary>
    private static void Add(List<NetworkDeclaration> declarations, string file, string text)
    {
        if (!text.Contains("[Network(", StringComparison.Ordinal))
        {
            return;
        }

        List<ClassDeclarationSyntax> networks = Parse(text).DescendantNodes().OfType<ClassDeclarationSyntax>().Where(IsNetwork).ToList();
        Assert.True(networks.Count == NetworkAttribute().Count(text), $"{file} has a [Network] attribute that is not on a class this reads.");
        foreach (ClassDeclarationSyntax network in networks)
        {
            declarations.Add(new NetworkDeclaration($"{file}:{network.Identifier.Text}", AsCSharp9(network)));
        }
    }

    /// <summary>Test sources are newer C# than Roslyn 4.3 parses; the declarations themselves are plain.</summary>
    private static SyntaxNode Parse(string text) => CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview)).GetRoot();

    private static bool IsNetwork(ClassDeclarationSyntax type)
        => type.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => attribute.Name.ToString() is "Network" or "NetworkAttribute" or "NetGen.Network");

    /// <summary>The declaration in a source of its own; without the class's members when they are not C# 9 (test helpers, which
    /// the generated code does not use).</summary>
    private static string AsCSharp9(ClassDeclarationSyntax network)
    {
        string source = AsCSharp9(network, network);
        bool parses = !CSharpSyntaxTree.ParseText(source, UnityToolchain.ParseOptions).GetDiagnostics().Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
        return parses ? source : AsCSharp9(network, network.WithMembers(default));
    }

    private static string AsCSharp9(ClassDeclarationSyntax network, ClassDeclarationSyntax declaration)
    {
        var text = new StringBuilder("using NetGen;\n\n");
        List<TypeDeclarationSyntax> outer = network.Ancestors().OfType<TypeDeclarationSyntax>().Reverse().ToList();
        string? name = network.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString();
        if (name is not null)
        {
            text.Append("namespace ").Append(name).Append("\n{\n");
        }

        foreach (TypeDeclarationSyntax type in outer)
        {
            IEnumerable<string> modifiers = type.Modifiers.Select(modifier => modifier.Text).Where(modifier => modifier != "partial");
            text.Append(string.Join(" ", modifiers.Append("partial").Append(type.Keyword.Text).Append(type.Identifier.Text))).Append("\n{\n");
        }

        text.Append(declaration.WithoutTrivia().ToFullString()).Append('\n');
        text.Append('}', outer.Count + (name is null ? 0 : 1));
        return text.Append('\n').ToString();
    }

    [GeneratedRegex(@"^\s*\[Network\(", RegexOptions.Multiline)]
    private static partial Regex NetworkAttribute();
}
