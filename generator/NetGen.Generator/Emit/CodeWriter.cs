using System;
using System.Text;

namespace NetGen.Generator.Emit;

/// <summary>A string builder that keeps indentation, for emitting readable C#.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation (an empty line has no trailing spaces).</summary>
    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(text);
        }

        _text.Append('\n');
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

    /// <summary>Writes <paramref name="header"/> and what <paramref name="body"/> writes, or nothing at all when the body writes
    /// nothing; a section after another is set off by an empty line.</summary>
    /// <param name="header">The line above the section, usually a comment.</param>
    /// <param name="body">Writes the section.</param>
    /// <param name="first">Whether this is the first section of its block (no empty line before it).</param>
    /// <returns>Whether the body wrote anything.</returns>
    public bool Section(string header, Action body, bool first)
    {
        int start = _text.Length;
        if (!first)
        {
            Line();
        }

        Line(header);
        int written = _text.Length;
        body();
        if (_text.Length == written)
        {
            _text.Length = start;
            return false;
        }

        return true;
    }

    public override string ToString() => _text.ToString();
}
