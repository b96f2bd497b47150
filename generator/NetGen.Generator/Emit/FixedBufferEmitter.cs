using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emit.PassWriter;

namespace NetGen.Generator.Emit;

/// <summary>
/// Emits the network's fixed-size buffer types, <c>Input</c> (one row of InputSize floats) and
/// <c>Output</c> (one row of OutputSize floats), as <c>[InlineArray]</c> structs, with overloads
/// of the one-row members that take them, so that the compiler checks their lengths.
/// </summary>
internal static class FixedBufferEmitter
{
    public static string Emit(NetworkPlan plan)
    {
        NetworkSpec spec = plan.Spec;
        string type = spec.TypeName;
        string input = FixedBufferSupport.InputTypeName;
        string output = FixedBufferSupport.OutputTypeName;
        var code = new CodeWriter();
        TypeShell.Open(code, spec, null, "fixed-size buffer types");
        code.Lines($$"""
            /// <summary>
            /// One input row of <see cref="{{type}}"/>: exactly <see cref="InputSize"/> = {{Int(plan.Input.Shape.Size)}} floats, a length the
            /// compiler checks. Index it like an array; it converts to <see cref="Span{T}"/> and <see cref="ReadOnlySpan{T}"/>.
            /// </summary>
            [InlineArray(InputSize)]
            public struct {{input}}
            {
                private float _element0;
            }

            /// <summary>
            /// One output row of <see cref="{{type}}"/>: exactly <see cref="OutputSize"/> = {{Int(plan.Output.Shape.Size)}} floats, a length the
            /// compiler checks. Index it like an array; it converts to <see cref="Span{T}"/> and <see cref="ReadOnlySpan{T}"/>.
            /// </summary>
            [InlineArray(OutputSize)]
            public struct {{output}}
            {
                private float _element0;
            }

            /// <summary>Computes the outputs of one row in inference mode (dropout off).</summary>
            /// <param name="input">The row.</param>
            /// <returns>The outputs of the row.</returns>
            public {{output}} Predict(in {{input}} input)
            {
                {{output}} output = default;
                Predict((ReadOnlySpan<float>)input, (Span<float>)output);
                return output;
            }
            """);
        foreach ((string name, string summary) in TrainingMembers)
        {
            code.Line();
            code.Lines($$"""
                /// <summary>{{summary}}</summary>
                /// <param name="input">The row.</param>
                /// <param name="target">Its target (one-hot for categorical cross-entropy).</param>
                /// <returns>The loss of the row.</returns>
                public float {{name}}(in {{input}} input, in {{output}} target)
                    => {{name}}((ReadOnlySpan<float>)input, (ReadOnlySpan<float>)target);
                """);
        }

        TypeShell.Close(code, spec);
        return code.ToString();
    }

    private static readonly (string Name, string Summary)[] TrainingMembers =
    {
        ("TrainStep", "One training step on one row: forward, backward and one optimizer update."),
        ("ComputeGradients", "Forward and backward in training mode on one row, without an update."),
        ("Evaluate", "The loss of one row in inference mode (dropout off), with no update."),
        ("AccumulateGradients", "Forward and backward in training mode on one row, adding its gradient to the accumulated one."),
    };
}
