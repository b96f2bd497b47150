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
    /// <summary>Fixes the first diagnostic <paramref name="id"/> in <paramref name="source"/> with the action titled
    /// <paramref name="expectedTitle"/>; returns the fixed text and checks that it no longer has a diagnostic with that ID
    /// (and that the action's equivalence key is set, so that Fix All can apply it).</summary>
    public static async Task<string> FixAsync(CodeFixProvider provider, string source, string id, string expectedTitle)
    {
        using var workspace = new AdhocWorkspace();
        Document document = AddDocument(workspace, source);
        Diagnostic diagnostic = (await AnalyzeAsync(document)).First(d => d.Id == id);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        CodeAction fix = Assert.Single(actions, action => action.Title == expectedTitle);
        Assert.False(string.IsNullOrEmpty(fix.EquivalenceKey));

        Document fixedDocument = await ApplyAsync(fix, document);
        Assert.DoesNotContain(await AnalyzeAsync(fixedDocument), d => d.Id == id);
        return (await fixedDocument.GetTextAsync()).ToString();
    }

    /// <summary>The titles of the actions offered for the first diagnostic <paramref name="id"/>, in order.</summary>
    public static async Task<IReadOnlyList<string>> TitlesAsync(CodeFixProvider provider, string source, string id)
    {
        using var workspace = new AdhocWorkspace();
        Document document = AddDocument(workspace, source);
        Diagnostic diagnostic = (await AnalyzeAsync(document)).First(d => d.Id == id);
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions.Select(action => action.Title).ToList();
    }

    /// <summary>
    /// Applies the provider's Fix All to every diagnostic <paramref name="id"/> in the document, as the IDE's "Fix all in
    /// document" and <c>dotnet format</c> do: with the equivalence key of the chosen action, or with none (or another
    /// diagnostic's key), as batch tools pass it. Returns the fixed text.
    /// </summary>
    public static async Task<string> FixAllAsync(CodeFixProvider provider, string source, string id, string? equivalenceKey)
    {
        using var workspace = new AdhocWorkspace();
        Document document = AddDocument(workspace, source);
        FixAllProvider? fixAll = provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        var context = new FixAllContext(document, provider, FixAllScope.Document, equivalenceKey, [id], new DocumentDiagnostics(), CancellationToken.None);
        CodeAction? action = await fixAll!.GetFixAsync(context);
        Assert.NotNull(action);
        Document fixedDocument = await ApplyAsync(action!, document);
        return (await fixedDocument.GetTextAsync()).ToString();
    }

    private static Document AddDocument(AdhocWorkspace workspace, string source)
    {
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
        return workspace.AddDocument(project.Id, "Test0.cs", SourceText.From(source));
    }

    private static async Task<Document> ApplyAsync(CodeAction action, Document document)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        Solution changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        return changed.GetDocument(document.Id)!;
    }

    /// <summary>The analyzers' diagnostics of a document, for Fix All.</summary>
    private sealed class DocumentDiagnostics : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return (await AnalyzeAsync(document)).Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
        {
            Document document = project.Documents.First();
            return (await AnalyzeAsync(document)).Where(d => !d.Location.IsInSource);
        }

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => await AnalyzeAsync(project.Documents.First());
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        return await compilation.WithAnalyzers(TestProject.Analyzers).GetAnalyzerDiagnosticsAsync();
    }
}
