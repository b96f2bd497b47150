using System;
using System.Globalization;

namespace NetGen.Serialization;

/// <summary>
/// Writes JSON (RFC 8259) as UTF-8 into memory, compact: no white space at all, a comma between the members of an object
/// and the elements of an array. Strings keep printable ASCII as it is except <c>" &amp; ' + &lt; &gt; \ `</c>; those,
/// the control characters, DEL and everything beyond ASCII are escaped: <c>\\</c>, <c>\b \f \n \r \t</c>, and
/// <c>\uXXXX</c> with upper-case digits for the rest, each UTF-16 code unit on its own (so a character beyond the BMP is
/// its two surrogates, and a surrogate outside a pair is <c>\uFFFD</c>). Integers are written in decimal. These are the
/// bytes safetensors headers written by NetGen have always had. The caller writes a well-formed sequence: the writer
/// does not check that names and values alternate.
/// </summary>
internal sealed class CompactJsonWriter
{
    private byte[] _buffer = new byte[256];
    private bool _needsComma;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, WrittenCount);

    /// <summary>How many bytes have been written.</summary>
    public int WrittenCount { get; private set; }

    /// <summary>Opens an object as a value.</summary>
    public void WriteStartObject()
    {
        Separate();
        Append((byte)'{');
        _needsComma = false;
    }

    /// <summary>Opens an object as the value of the member <paramref name="name"/>.</summary>
    public void WriteStartObject(string name)
    {
        WritePropertyName(name);
        Append((byte)'{');
    }

    /// <summary>Closes the innermost object.</summary>
    public void WriteEndObject()
    {
        Append((byte)'}');
        _needsComma = true;
    }

    /// <summary>Opens an array as the value of the member <paramref name="name"/>.</summary>
    public void WriteStartArray(string name)
    {
        WritePropertyName(name);
        Append((byte)'[');
    }

    /// <summary>Closes the innermost array.</summary>
    public void WriteEndArray()
    {
        Append((byte)']');
        _needsComma = true;
    }

    /// <summary>Writes the member <paramref name="name"/> with the string <paramref name="value"/>.</summary>
    public void WriteString(string name, string value)
    {
        WritePropertyName(name);
        WriteQuoted(value);
        _needsComma = true;
    }

    /// <summary>Writes an integer as an element of an array.</summary>
    public void WriteNumberValue(long value)
    {
        Separate();
        foreach (char digit in value.ToString(CultureInfo.InvariantCulture))
        {
            Append((byte)digit);
        }

        _needsComma = true;
    }

    private void WritePropertyName(string name)
    {
        Separate();
        WriteQuoted(name);
        Append((byte)':');
        _needsComma = false;
    }

    private void Separate()
    {
        if (_needsComma)
        {
            Append((byte)',');
        }
    }

    private void WriteQuoted(string text)
    {
        Append((byte)'"');
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) : i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                c = '\uFFFD'; // a surrogate outside a pair is no character: the replacement character stands for it
            }

            if (c is >= ' ' and < (char)0x7F and not ('"' or '&' or '\'' or '+' or '<' or '>' or '\\' or '`'))
            {
                Append((byte)c);
                continue;
            }

            Append((byte)'\\');
            switch (c)
            {
                case '\\':
                    Append((byte)'\\');
                    break;
                case '\b':
                    Append((byte)'b');
                    break;
                case '\f':
                    Append((byte)'f');
                    break;
                case '\n':
                    Append((byte)'n');
                    break;
                case '\r':
                    Append((byte)'r');
                    break;
                case '\t':
                    Append((byte)'t');
                    break;
                default:
                    Append((byte)'u');
                    foreach (char digit in ((int)c).ToString("X4", CultureInfo.InvariantCulture))
                    {
                        Append((byte)digit);
                    }

                    break;
            }
        }

        Append((byte)'"');
    }

    private void Append(byte value)
    {
        if (WrittenCount == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        _buffer[WrittenCount++] = value;
    }
}
