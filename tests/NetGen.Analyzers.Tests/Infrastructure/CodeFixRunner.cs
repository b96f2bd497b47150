using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NetGen.Analyzers.Tests.Infrastructure;

/// <summary>Applies a code fix in a workspace, as the IDE does: the analyzers find the diagnostic, the
/// provider offers one action, its operations (with simplification and formatting) change the document.</summary>
internal static class CodeFixRunner
{
    /// <summary>Fixes the first diagnostic <paramref name="id"/> in <paramref name="source"/>; returns the fixed text and
    /// checks that the fixed text no longer has a diagnostic with that ID.</summary>
    public static async Task<string> FixAsync(CodeFixProvider provider, string source, string id, string expectedTitle)
    {
        using var workspace = new AdhocWorkspace();
        ProjectInfo projectInfo = ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "Test",
            "Test",
            LanguageNames.CSharp,
            compilationOptions: TestProject.CompilationOptions,
            parseOptions: TestProject.ParseOptions,
            metadataReferences: TestProject.References);
        Project project = workspace.AddProject(projectInfo);
        Document document = workspace.AddDocument(project.Id, "Test0.cs", SourceText.From(source));

        Diagnostic diagnostic = (await AnalyzeAsync(document)).First(d => d.Id == id);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        CodeAction fix = Assert.Single(actions);
        Assert.Equal(expectedTitle, fix.Title);

        ImmutableArray<CodeActionOperation> operations = await fix.GetOperationsAsync(CancellationToken.None);
        Solution changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        Document fixedDocument = changed.GetDocument(document.Id)!;
        Assert.DoesNotContain(await AnalyzeAsync(fixedDocument), d => d.Id == id);
        return (await fixedDocument.GetTextAsync()).ToString();
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        return await compilation.WithAnalyzers(TestProject.Analyzers).GetAnalyzerDiagnosticsAsync();
    }
}
