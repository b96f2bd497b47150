using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace NetGen.CodeFixes;

/// <summary>Writes a NetGen enum member as an attribute argument the way the user's file writes enums.</summary>
internal static class EnumArgument
{
    /// <summary>Keeps the way the enum is written (<c>Activation.X</c>, <c>NetGen.Activation.X</c>, an alias) and changes only
    /// the member; anything else (a cast, a constant) becomes the member itself.</summary>
    public static ExpressionSyntax Replace(ExpressionSyntax expression, string enumName, string member)
    {
        if (expression is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } access)
        {
            return access.WithName(name.WithIdentifier(SyntaxFactory.Identifier(member).WithTriviaFrom(name.Identifier)));
        }

        return Member(enumName, member).WithTriviaFrom(expression);
    }

    /// <summary><c>global::NetGen.Enum.Member</c>, which the simplifier shortens to what the file's usings allow.</summary>
    public static ExpressionSyntax Member(string enumName, string member) =>
        SyntaxFactory.ParseExpression("global::NetGen." + enumName + "." + member).WithAdditionalAnnotations(Simplifier.Annotation);
}
