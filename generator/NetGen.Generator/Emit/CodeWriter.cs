using System;
using System.Text;

namespace NetGen.Generator.Emit;

/// <summary>A string builder that keeps indentation, for emitting readable C#.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public int LineCount { get; private set; }

    /// <summary>Writes one line at the current indentation (an empty line has no trailing spaces).</summary>
    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(text);
        }

        _text.Append('\n');
        LineCount++;
        return this;
    }

    /// <summary>Writes several lines, each at the current indentation plus its own leading spaces.</summary>
    public CodeWriter Lines(string text)
    {
        foreach (string line in text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
        {
            Line(line);
        }

        return this;
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents.</summary>
    public CodeWriter Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Unindents and writes a closing brace.</summary>
    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Writes a block around what <paramref name="body"/> writes.</summary>
    public CodeWriter Block(string header, Action body)
    {
        Open(header);
        body();
        return Close();
    }

    public override string ToString() => _text.ToString();
}
