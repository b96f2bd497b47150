using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen.Serialization;

/// <summary>The kinds of token <see cref="StrictJsonReader"/> reads.</summary>
internal enum JsonToken
{
    /// <summary>Nothing read yet, or the end of the text.</summary>
    None,
    StartObject,
    EndObject,
    StartArray,
    EndArray,
    PropertyName,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// A forward-only reader of one JSON text (RFC 8259) held in memory, strict in every respect: the text must be UTF-8
/// (RFC 3629: no overlong forms, no encoded surrogates, nothing above U+10FFFF; no byte order mark), hold exactly one
/// value with nothing but JSON white space (space, tab, line feed, carriage return) around it, and nest no deeper than
/// a given number of objects and arrays. No comments, trailing commas, single quotes, unquoted names, unescaped control
/// characters in strings, leading zeros or plus signs, <c>NaN</c> or <c>Infinity</c>. Every violation is an
/// <see cref="InvalidDataException"/> naming the problem and the byte where it is. Strings are decoded only when
/// asked for (<see cref="TryGetString"/>), so that a value that is only skipped may hold escapes that spell no valid
/// UTF-16 (a lone surrogate), as a JSON text may.
/// </summary>
internal sealed class StrictJsonReader
{
    private readonly byte[] _json;
    private readonly int _length;
    private readonly int _maxDepth;
    private readonly string _subject;
    private readonly bool[] _inObject;
    private int _position;
    private int _depth;
    private Expect _expect = Expect.Value;
    private int _tokenStart;
    private int _tokenEnd;
    private bool _tokenHasEscapes;

    /// <summary>Starts reading <paramref name="json"/>'s first <paramref name="length"/> bytes.</summary>
    /// <param name="json">The UTF-8 text.</param>
    /// <param name="length">How many of its bytes are the text.</param>
    /// <param name="maxDepth">The most objects and arrays that may be open at once (the outermost counts).</param>
    /// <param name="subject">What the text is, to begin error messages: "The safetensors header".</param>
    /// <exception cref="InvalidDataException">The text is not valid UTF-8.</exception>
    public StrictJsonReader(byte[] json, int length, int maxDepth, string subject)
    {
        _json = json;
        _length = length;
        _maxDepth = maxDepth;
        _subject = subject;
        _inObject = new bool[maxDepth];
        int bad = IndexOfInvalidUtf8(json.AsSpan(0, length));
        if (bad >= 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{subject} is not valid UTF-8 (at byte {bad})."));
        }
    }

    private enum Expect
    {
        /// <summary>A value: the root, or after a name and its colon, or after a comma in an array.</summary>
        Value,

        /// <summary>A value or the end of the array just opened.</summary>
        ValueOrEndArray,

        /// <summary>A name (after a comma in an object).</summary>
        Name,

        /// <summary>A name or the end of the object just opened.</summary>
        NameOrEndObject,

        /// <summary>A comma or the end of the enclosing object or array, after one of its values.</summary>
        CommaOrEnd,

        /// <summary>Nothing but white space: the root value is complete.</summary>
        Nothing,
    }

    /// <summary>The token read last.</summary>
    public JsonToken Token { get; private set; }

    /// <summary>Reads the next token.</summary>
    /// <returns>True, or false once the root value is complete and only white space follows it.</returns>
    /// <exception cref="InvalidDataException">The text is not valid JSON there.</exception>
    public bool Read()
    {
        while (true)
        {
            SkipWhiteSpace();
            if (_expect == Expect.Nothing)
            {
                if (_position < _length)
                {
                    throw Syntax($"{Describe(_json[_position])} after the end of its value");
                }

                Token = JsonToken.None;
                return false;
            }

            if (_position >= _length)
            {
                throw Syntax("the text ends in the middle of its JSON");
            }

            byte next = _json[_position];
            switch (_expect)
            {
                case Expect.CommaOrEnd:
                    if (next == (byte)',')
                    {
                        _position++;
                        _expect = _inObject[_depth - 1] ? Expect.Name : Expect.Value;
                        continue;
                    }

                    if (next == (_inObject[_depth - 1] ? (byte)'}' : (byte)']'))
                    {
                        return End();
                    }

                    throw Syntax($"{Describe(next)} where a comma or '{(_inObject[_depth - 1] ? '}' : ']')}' belongs");
                case Expect.NameOrEndObject when next == (byte)'}':
                case Expect.ValueOrEndArray when next == (byte)']':
                    return End();
                case Expect.Name:
                case Expect.NameOrEndObject:
                    if (next != (byte)'"')
                    {
                        throw Syntax($"{Describe(next)} where a property name (a string) belongs");
                    }

                    ScanString();
                    SkipWhiteSpace();
                    if (_position >= _length || _json[_position] != (byte)':')
                    {
                        throw Syntax(_position >= _length ? "the text ends after a property name" : $"{Describe(_json[_position])} where the colon after a property name belongs");
                    }

                    _position++;
                    _expect = Expect.Value;
                    Token = JsonToken.PropertyName;
                    return true;
                default:
                    ReadValue(next);
                    return true;
            }
        }
    }

    /// <summary>Skips the object or array that the current token starts, up to and including its end; on any other token, does nothing.</summary>
    /// <exception cref="InvalidDataException">The text is not valid JSON there.</exception>
    public void Skip()
    {
        if (Token is not (JsonToken.StartObject or JsonToken.StartArray))
        {
            return;
        }

        int depth = _depth;
        while (_depth >= depth)
        {
            if (!Read())
            {
                throw Syntax("the text ends in the middle of its JSON");
            }
        }
    }

    /// <summary>
    /// The current string or property name, unescaped; false when its escapes spell UTF-16 that no string may hold: a
    /// high surrogate not followed by an escaped low one, or a low surrogate without a high one before it.
    /// </summary>
    /// <param name="value">The text, or the empty string when false.</param>
    /// <param name="problem">When false, what is wrong and where.</param>
    public bool TryGetString(out string value, out string problem)
    {
        if (Token is not (JsonToken.String or JsonToken.PropertyName))
        {
            throw new InvalidOperationException($"The current token is {Token}, not a string.");
        }

        ReadOnlySpan<byte> raw = _json.AsSpan(_tokenStart, _tokenEnd - _tokenStart);
        problem = string.Empty;
        if (!_tokenHasEscapes)
        {
            value = Encoding.UTF8.GetString(raw);
            return true;
        }

        var text = new StringBuilder(raw.Length);
        int i = 0;
        while (i < raw.Length)
        {
            int plain = raw[i..].IndexOf((byte)'\\');
            if (plain < 0)
            {
                text.Append(Encoding.UTF8.GetString(raw[i..]));
                break;
            }

            text.Append(Encoding.UTF8.GetString(raw.Slice(i, plain)));
            i += plain + 1; // past the backslash; ScanString checked that a valid escape follows
            byte kind = raw[i];
            if (kind != (byte)'u')
            {
                text.Append(kind switch
                {
                    (byte)'b' => '\b',
                    (byte)'f' => '\f',
                    (byte)'n' => '\n',
                    (byte)'r' => '\r',
                    (byte)'t' => '\t',
                    _ => (char)kind, // '"', '\\' or '/'
                });
                i++;
                continue;
            }

            char unit = (char)Hex4(raw.Slice(i + 1, 4));
            int at = _tokenStart + i - 1;
            i += 5;
            if (char.IsLowSurrogate(unit))
            {
                value = string.Empty;
                problem = string.Create(CultureInfo.InvariantCulture, $"the escape \\u{(int)unit:x4} at byte {at} is a low surrogate without a high one before it");
                return false;
            }

            if (char.IsHighSurrogate(unit))
            {
                if (i + 6 > raw.Length || raw[i] != (byte)'\\' || raw[i + 1] != (byte)'u' || !char.IsLowSurrogate((char)Hex4(raw.Slice(i + 2, 4))))
                {
                    value = string.Empty;
                    problem = string.Create(CultureInfo.InvariantCulture, $"the escape \\u{(int)unit:x4} at byte {at} is a high surrogate not followed by an escaped low one");
                    return false;
                }

                text.Append(unit).Append((char)Hex4(raw.Slice(i + 2, 4)));
                i += 6;
                continue;
            }

            text.Append(unit);
        }

        value = text.ToString();
        return true;
    }

    /// <summary>The current number as a 64-bit integer: false for a fraction, an exponent or a value beyond <see cref="long"/>.
    /// <c>-0</c> is 0.</summary>
    public bool TryGetInt64(out long value)
    {
        if (Token != JsonToken.Number)
        {
            throw new InvalidOperationException($"The current token is {Token}, not a number.");
        }

        value = 0;
        ReadOnlySpan<byte> raw = _json.AsSpan(_tokenStart, _tokenEnd - _tokenStart);
        bool negative = raw[0] == (byte)'-';
        ulong magnitude = 0;
        foreach (byte digit in negative ? raw[1..] : raw)
        {
            if (digit is < (byte)'0' or > (byte)'9' || magnitude > (ulong.MaxValue - 9) / 10)
            {
                return false; // a fraction or an exponent, or already far beyond long
            }

            magnitude = (magnitude * 10) + (ulong)(digit - '0');
        }

        if (magnitude > (negative ? 1UL << 63 : long.MaxValue))
        {
            return false;
        }

        value = negative ? (long)(0UL - magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>The index of the first byte of <paramref name="bytes"/> that does not begin or continue a well-formed
    /// UTF-8 sequence (RFC 3629), or -1 when all of it is well-formed.</summary>
    public static int IndexOfInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            byte first = bytes[i];
            if (first < 0x80)
            {
                i++;
                continue;
            }

            // The lead byte gives the length and the range of the second byte (which rules out overlong forms,
            // encoded surrogates and code points above U+10FFFF); the bytes after it are 80..BF.
            (int length, byte low, byte high) = first switch
            {
                >= 0xC2 and <= 0xDF => (2, (byte)0x80, (byte)0xBF),
                0xE0 => (3, (byte)0xA0, (byte)0xBF),
                >= 0xE1 and <= 0xEC or 0xEE or 0xEF => (3, (byte)0x80, (byte)0xBF),
                0xED => (3, (byte)0x80, (byte)0x9F),
                0xF0 => (4, (byte)0x90, (byte)0xBF),
                >= 0xF1 and <= 0xF3 => (4, (byte)0x80, (byte)0xBF),
                0xF4 => (4, (byte)0x80, (byte)0x8F),
                _ => (0, (byte)0, (byte)0),
            };
            if (length == 0 || i + 1 >= bytes.Length || bytes[i + 1] < low || bytes[i + 1] > high)
            {
                return i;
            }

            for (int k = 2; k < length; k++)
            {
                if (i + k >= bytes.Length || (bytes[i + k] & 0xC0) != 0x80)
                {
                    return i;
                }
            }

            i += length;
        }

        return -1;
    }

    private void ReadValue(byte first)
    {
        switch (first)
        {
            case (byte)'{':
            case (byte)'[':
                if (_depth >= _maxDepth)
                {
                    throw Syntax(string.Create(CultureInfo.InvariantCulture, $"objects and arrays nested deeper than {_maxDepth}"));
                }

                _inObject[_depth++] = first == (byte)'{';
                _position++;
                _expect = first == (byte)'{' ? Expect.NameOrEndObject : Expect.ValueOrEndArray;
                Token = first == (byte)'{' ? JsonToken.StartObject : JsonToken.StartArray;
                return;
            case (byte)'"':
                ScanString();
                Token = JsonToken.String;
                break;
            case (byte)'t':
                Literal("true"u8);
                Token = JsonToken.True;
                break;
            case (byte)'f':
                Literal("false"u8);
                Token = JsonToken.False;
                break;
            case (byte)'n':
                Literal("null"u8);
                Token = JsonToken.Null;
                break;
            case (byte)'-':
            case >= (byte)'0' and <= (byte)'9':
                ScanNumber();
                Token = JsonToken.Number;
                break;
            default:
                throw Syntax($"{Describe(first)} where a value belongs");
        }

        _expect = _depth == 0 ? Expect.Nothing : Expect.CommaOrEnd;
    }

    private bool End()
    {
        Token = _inObject[_depth - 1] ? JsonToken.EndObject : JsonToken.EndArray;
        _position++;
        _depth--;
        _expect = _depth == 0 ? Expect.Nothing : Expect.CommaOrEnd;
        return true;
    }

    /// <summary>Reads a string from its opening quote to past its closing one, checking every escape's form; the token is what lies between the quotes.</summary>
    private void ScanString()
    {
        int start = _position;
        _position++;
        _tokenStart = _position;
        _tokenHasEscapes = false;
        while (true)
        {
            if (_position >= _length)
            {
                throw Syntax("a string with no closing quote", at: start);
            }

            byte next = _json[_position];
            if (next == (byte)'"')
            {
                _tokenEnd = _position;
                _position++;
                return;
            }

            if (next < 0x20)
            {
                throw Syntax(string.Create(CultureInfo.InvariantCulture, $"the control character U+{next:X4} unescaped in a string"));
            }

            if (next != (byte)'\\')
            {
                _position++;
                continue;
            }

            _tokenHasEscapes = true;
            byte kind = _position + 1 < _length ? _json[_position + 1] : (byte)0;
            if (kind == (byte)'u')
            {
                if (_position + 6 > _length || Hex4(_json.AsSpan(_position + 2, 4)) < 0)
                {
                    throw Syntax("an escape \\u not followed by four hexadecimal digits");
                }

                _position += 6;
            }
            else if (kind is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
            {
                _position += 2;
            }
            else
            {
                throw Syntax(_position + 1 < _length ? $"a backslash before {Describe(kind)}, which is no JSON escape" : "a backslash at the end of the text");
            }
        }
    }

    /// <summary>Reads a number of RFC 8259's form: <c>-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</c>.</summary>
    private void ScanNumber()
    {
        _tokenStart = _position;
        if (_json[_position] == (byte)'-')
        {
            _position++;
        }

        if (Peek() == (byte)'0')
        {
            _position++;
        }
        else if (!Digits())
        {
            throw Syntax("a minus sign not followed by a digit");
        }

        if (Peek() == (byte)'.')
        {
            _position++;
            if (!Digits())
            {
                throw Syntax("a decimal point not followed by a digit");
            }
        }

        if (Peek() is (byte)'e' or (byte)'E')
        {
            _position++;
            if (Peek() is (byte)'+' or (byte)'-')
            {
                _position++;
            }

            if (!Digits())
            {
                throw Syntax("an exponent without digits");
            }
        }

        _tokenEnd = _position;
    }

    /// <summary>Reads a run of digits; false when there is none.</summary>
    private bool Digits()
    {
        int start = _position;
        while (Peek() is >= (byte)'0' and <= (byte)'9')
        {
            _position++;
        }

        return _position > start;
    }

    private int Peek() => _position < _length ? _json[_position] : -1;

    private void Literal(ReadOnlySpan<byte> word)
    {
        if (!_json.AsSpan(_position, Math.Min(word.Length, _length - _position)).SequenceEqual(word))
        {
            throw Syntax($"a word that is not {Encoding.ASCII.GetString(word)} (JSON's only words are true, false and null)");
        }

        _position += word.Length;
    }

    private void SkipWhiteSpace()
    {
        while (_position < _length && _json[_position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            _position++;
        }
    }

    /// <summary>The value of four hexadecimal digits (either case), or -1 when they are not.</summary>
    private static int Hex4(ReadOnlySpan<byte> digits)
    {
        int value = 0;
        foreach (byte digit in digits)
        {
            int nibble = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                return -1;
            }

            value = (value << 4) | nibble;
        }

        return value;
    }

    private static string Describe(byte value) => value is >= 0x21 and < 0x7F
        ? string.Create(CultureInfo.InvariantCulture, $"'{(char)value}'")
        : string.Create(CultureInfo.InvariantCulture, $"the byte 0x{value:X2}");

    private InvalidDataException Syntax(string problem, int at = -1)
        => new(string.Create(CultureInfo.InvariantCulture, $"{_subject} is not valid JSON: {problem} (byte {(at >= 0 ? at : _position)})."));
}
