using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace NetGen.CodeFixes;

/// <summary>One action a fix offers for a diagnostic: its title and its equivalence key, which also says what the fix does.</summary>
public sealed class FixChoice
{
    /// <summary>Creates a choice.</summary>
    /// <param name="title">The title the IDE shows.</param>
    /// <param name="key">The equivalence key: equal for actions that Fix All applies together.</param>
    public FixChoice(string title, string key)
    {
        Title = title;
        Key = key;
    }

    /// <summary>The title the IDE shows.</summary>
    public string Title { get; }

    /// <summary>The equivalence key.</summary>
    public string Key { get; }
}

/// <summary>
/// A code fix that rewrites the document its diagnostics are in, with one implementation for a single fix and for Fix All:
/// every target node is marked first, then fixed one after the other in the tree the fixes before it left, so that several
/// fixes in one declaration compose. Fix All (in a document, project or solution, and in <c>dotnet format</c>) applies the
/// chosen action to every diagnostic that offers it, and each other diagnostic's first action.
/// </summary>
public abstract class DocumentFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (FindTarget(root, diagnostic) is not { } target)
            {
                continue;
            }

            foreach (FixChoice choice in Choices(target, diagnostic))
            {
                ImmutableArray<Diagnostic> single = ImmutableArray.Create(diagnostic);
                context.RegisterCodeFix(
                    CodeAction.Create(choice.Title, async cancellationToken => await FixAsync(context.Document, single, choice.Key, cancellationToken).ConfigureAwait(false) ?? context.Document, choice.Key),
                    diagnostic);
            }
        }
    }

    /// <summary>The node a fix of <paramref name="diagnostic"/> rewrites, or null when the source no longer has it.</summary>
    protected abstract SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic);

    /// <summary>The actions offered for <paramref name="diagnostic"/>, the default first.</summary>
    protected abstract IEnumerable<FixChoice> Choices(SyntaxNode target, Diagnostic diagnostic);

    /// <summary>Applies the action <paramref name="key"/> at <paramref name="target"/>, a node of <paramref name="root"/>; returns the new root.</summary>
    protected abstract SyntaxNode Apply(SyntaxNode root, SyntaxNode target, Diagnostic diagnostic, string key);

    private Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        => FixAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken);

    private async Task<Document?> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var marks = new Dictionary<SyntaxNode, SyntaxAnnotation>();
        var fixes = new List<(SyntaxAnnotation Mark, Diagnostic Diagnostic, string Key)>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (FindTarget(root, diagnostic) is not { } target || marks.ContainsKey(target) || ChosenKey(target, diagnostic, key) is not { } chosen)
            {
                continue;
            }

            var mark = new SyntaxAnnotation();
            marks.Add(target, mark);
            fixes.Add((mark, diagnostic, chosen));
        }

        if (fixes.Count == 0)
        {
            return document;
        }

        root = root.ReplaceNodes(marks.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(marks[original]));
        foreach ((SyntaxAnnotation mark, Diagnostic diagnostic, string chosen) in fixes)
        {
            foreach (SyntaxNode target in root.GetAnnotatedNodes(mark))
            {
                root = Apply(root, target, diagnostic, chosen);
                break;
            }
        }

        return document.WithSyntaxRoot(root);
    }

    /// <summary>The action to apply: <paramref name="key"/> when the diagnostic offers it, and its first action otherwise: batch tools
    /// (<c>dotnet format</c>) pass no key, or the key of the first diagnostic of their run, whatever its ID.</summary>
    private string? ChosenKey(SyntaxNode target, Diagnostic diagnostic, string? key)
    {
        string? first = null;
        foreach (FixChoice choice in Choices(target, diagnostic))
        {
            if (choice.Key == key)
            {
                return choice.Key;
            }

            first ??= choice.Key;
        }

        return first;
    }
}
