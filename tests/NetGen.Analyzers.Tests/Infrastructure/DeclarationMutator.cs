using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// Makes broken variants of a valid source the way typing does: tokens deleted, duplicated,
/// swapped, or replaced by a token that stresses the parser and the shape code (extreme numbers,
/// NaN, out-of-range enum casts, stray keywords and brackets). The same seed gives the same variant.
/// </summary>
internal static class DeclarationMutator
{
    private static readonly string[] Replacements =
    {
        "int.MaxValue", "int.MinValue", "-1", "0", "1", "2147483647", "float.NaN", "float.PositiveInfinity", "-0f", "1e30f",
        "(Activation)99", "(Loss)(-3)", "(Optimizer)42", "Activation.Softmax", "Activation.Sigmoid", "Loss.BinaryCrossEntropy",
        "Loss.CategoricalCrossEntropy", "Optimizer.Adam", "partial", "static", "abstract", "struct", "record", "interface",
        "<T>", "[", "]", "(", ")", ",", "=", ";", "{", "}", "Dense", "Dropout", "Network", "NetworkAttribute", "BatchSize",
        "LearningRate", "Momentum", "\"text\"", "null", "default", "typeof(int)", "nameof(Net)", "1.5", "0.5f", "new float[4]",
        "stackalloc float[3]", "out", "ref", "Input", "Output", "Flatten", "new int[0]", "new[] { 28, 28, 1 }", "null", "46341",
        "65536, 65536", "3, 0, 2", "-5, 2", "InputShape", "Forward", "Backward",
    };

    public static string Mutate(string source, int seed)
    {
        var random = new Random(seed);
        List<string> tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().Select(t => t.ToFullString()).ToList();
        int operations = 1 + random.Next(4);
        for (int i = 0; i < operations && tokens.Count > 1; i++)
        {
            int at = random.Next(tokens.Count);
            switch (random.Next(4))
            {
                case 0:
                    tokens.RemoveAt(at);
                    break;
                case 1:
                    tokens.Insert(at, tokens[at]);
                    break;
                case 2:
                    int other = random.Next(2) == 0 ? Math.Min(at + 1, tokens.Count - 1) : random.Next(tokens.Count);
                    (tokens[at], tokens[other]) = (tokens[other], tokens[at]);
                    break;
                default:
                    tokens[at] = " " + Replacements[random.Next(Replacements.Length)] + " ";
                    break;
            }
        }

        var text = new StringBuilder();
        foreach (string token in tokens)
        {
            text.Append(token);
        }

        return text.ToString();
    }
}
