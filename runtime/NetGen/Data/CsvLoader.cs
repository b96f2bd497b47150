using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen.Data;

/// <summary>
/// Reads a data set from CSV text: one row per line, numbers in the invariant culture
/// (<c>.</c> as the decimal point), one target column chosen by name or index and every other
/// column a feature. Files ending in <c>.gz</c> (or starting with the gzip magic bytes) are
/// decompressed on the fly. Blank lines are skipped.
/// </summary>
/// <remarks>
/// Every malformed input throws <see cref="CsvFormatException"/> (a
/// <see cref="DatasetFormatException"/>) naming the file, line and column, and so does input beyond
/// one of the limits of <see cref="CsvOptions"/> (line length, fields, rows, content bytes), which
/// are checked while the input streams in; a missing file throws <see cref="FileNotFoundException"/>;
/// options that contradict each other or are out of range throw <see cref="ArgumentException"/>
/// before anything is read.
/// </remarks>
public static class CsvLoader
{
    /// <summary>Reads the CSV file at <paramref name="path"/>.</summary>
    /// <param name="path">The file, plain or gzip-compressed.</param>
    /// <param name="options">How to read it; null for the defaults (header, comma, last column is the target, missing values rejected).</param>
    /// <exception cref="CsvFormatException">The content is malformed.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static Dataset Load(string path, CsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options = Checked(options);
        using FileStream file = File.OpenRead(path);
        return Read(file, Path.GetFileName(path), options);
    }

    /// <summary>Reads CSV content from a stream, decompressing it when it starts with the gzip magic bytes.</summary>
    /// <param name="stream">The content; read to its end, not closed.</param>
    /// <param name="sourceName">The name used in error messages, such as the file name.</param>
    /// <param name="options">How to read it; null for the defaults.</param>
    /// <exception cref="CsvFormatException">The content is malformed.</exception>
    public static Dataset Read(Stream stream, string sourceName, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        options = Checked(options);
        string limit = string.Create(CultureInfo.InvariantCulture, $"The content is larger than {options.MaxContentBytes} bytes (CsvOptions.MaxContentBytes, counted after gzip decompression); raise the limit to read this file.");
        using var reader = new StreamReader(new LimitedStream(CompressedStream.OpenMaybeCompressed(stream), options.MaxContentBytes, limit));
        return Read(reader, sourceName, options);
    }

    /// <summary>Reads CSV text.</summary>
    /// <param name="reader">The text; read to its end, not closed.</param>
    /// <param name="sourceName">The name used in error messages, such as the file name.</param>
    /// <param name="options">How to read it; null for the defaults.</param>
    /// <exception cref="CsvFormatException">The content is malformed.</exception>
    public static Dataset Read(TextReader reader, string sourceName, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var parser = new Parser(reader, sourceName, Checked(options));
        return parser.Parse();
    }

    /// <summary>The options to read with (the defaults for null), or <see cref="ArgumentException"/> naming the option that is unusable.</summary>
    private static CsvOptions Checked(CsvOptions? options)
    {
        options ??= new CsvOptions();
        if (options.TargetColumn is not null && options.TargetColumnIndex is not null)
        {
            throw new ArgumentException("Set either TargetColumn or TargetColumnIndex, not both.", nameof(options));
        }

        if (options.TargetColumn is not null && !options.HasHeader)
        {
            throw new ArgumentException("TargetColumn names a header column, but HasHeader is false: use TargetColumnIndex.", nameof(options));
        }

        if (options.Separator is '\n' or '\r')
        {
            throw new ArgumentException("CsvOptions.Separator is a line break; rows are lines, so fields need another separator.", nameof(options));
        }

        if (!Enum.IsDefined(options.MissingValues))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MissingValues, string.Create(CultureInfo.InvariantCulture, $"CsvOptions.MissingValues is {(int)options.MissingValues}, which is not a MissingValuePolicy ({string.Join(", ", Enum.GetNames<MissingValuePolicy>())})."));
        }

        if (options.MissingValueMarkers is null)
        {
            throw new ArgumentNullException(nameof(options), "CsvOptions.MissingValueMarkers is null; use an empty list for no markers.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLineLength, 1, "options.MaxLineLength");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFields, 2, "options.MaxFields");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRows, 1, "options.MaxRows");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxContentBytes, 1, "options.MaxContentBytes");
        foreach (string marker in options.MissingValueMarkers)
        {
            if (marker is null)
            {
                throw new ArgumentException("CsvOptions.MissingValueMarkers holds null; markers are field texts.", nameof(options));
            }
        }

        return options;
    }

    private sealed class Parser(TextReader reader, string sourceName, CsvOptions options)
    {
        private readonly List<float> _features = [];
        private readonly List<float> _targets = [];
        private readonly List<Range> _fields = [];
        private readonly char[] _chars = new char[1 << 14];
        private char[] _line = new char[256];
        private int _lineLength;
        private int _charPosition;
        private int _charCount;
        private int _lineNumber;
        private int _columnCount = -1;
        private int _targetColumn = -1;
        private string[]? _header;
        private bool[]? _columnHasMissing;

        private ReadOnlySpan<char> Line => _line.AsSpan(0, _lineLength);

        public Dataset Parse()
        {
            while (NextLine())
            {
                if (Line.IsWhiteSpace())
                {
                    continue;
                }

                Split();
                if (_columnCount < 0)
                {
                    Begin();
                    if (options.HasHeader)
                    {
                        continue;
                    }
                }

                AddRow();
            }

            if (_columnCount < 0)
            {
                throw new CsvFormatException(sourceName, Math.Max(_lineNumber, 1), 1, "The file is empty.");
            }

            int featureCount = _columnCount - 1;
            int rows = _targets.Count;
            if (rows == 0)
            {
                throw new CsvFormatException(sourceName, _lineNumber + 1, 1, "The file has a header but no data rows.");
            }

            float[] features = [.. _features];
            Impute(features, featureCount, rows);
            var featureNames = new List<string>(featureCount);
            for (int c = 0; c < _columnCount; c++)
            {
                if (c != _targetColumn)
                {
                    featureNames.Add(ColumnName(c));
                }
            }

            return new Dataset(features, featureCount, [.. _targets], 1, featureNames, [ColumnName(_targetColumn)]);
        }

        /// <summary>
        /// Reads the next line into <see cref="Line"/> (false at the end), ending it at <c>\n</c>,
        /// <c>\r</c> or <c>\r\n</c> as <see cref="TextReader.ReadLine"/> does, but holding at most
        /// <see cref="CsvOptions.MaxLineLength"/> characters of it.
        /// </summary>
        private bool NextLine()
        {
            _lineNumber++;
            _lineLength = 0;
            bool any = false;
            while (true)
            {
                if (_charPosition == _charCount && !Refill())
                {
                    return any;
                }

                any = true;
                ReadOnlySpan<char> pending = _chars.AsSpan(_charPosition, _charCount - _charPosition);
                int stop = pending.IndexOfAny('\r', '\n');
                Append(stop < 0 ? pending : pending[..stop]);
                if (stop < 0)
                {
                    _charPosition = _charCount;
                    continue;
                }

                _charPosition += stop + 1;
                if (pending[stop] == '\r' && (_charPosition < _charCount || Refill()) && _chars[_charPosition] == '\n')
                {
                    _charPosition++;
                }

                return true;
            }
        }

        private bool Refill()
        {
            try
            {
                _charCount = reader.Read(_chars);
                _charPosition = 0;
                return _charCount > 0;
            }
            catch (InvalidDataException exception)
            {
                throw new CsvFormatException(sourceName, _lineNumber, 1, exception.Message, exception);
            }
        }

        private void Append(ReadOnlySpan<char> text)
        {
            if (text.Length > options.MaxLineLength - _lineLength)
            {
                throw new CsvFormatException(sourceName, _lineNumber, 1, string.Create(CultureInfo.InvariantCulture, $"The line is longer than {options.MaxLineLength} characters (CsvOptions.MaxLineLength); raise the limit to read longer lines."));
            }

            if (_lineLength + text.Length > _line.Length)
            {
                Array.Resize(ref _line, (int)Math.Min(options.MaxLineLength, Math.Max(_lineLength + text.Length, 2L * _line.Length)));
            }

            text.CopyTo(_line.AsSpan(_lineLength));
            _lineLength += text.Length;
        }

        private void Split()
        {
            _fields.Clear();
            ReadOnlySpan<char> line = Line;
            int start = 0;
            while (true)
            {
                if (_fields.Count == options.MaxFields)
                {
                    throw new CsvFormatException(sourceName, _lineNumber, _fields.Count + 1, string.Create(CultureInfo.InvariantCulture, $"The line has more than {options.MaxFields} fields (CsvOptions.MaxFields); raise the limit to read wider rows."));
                }

                int length = line[start..].IndexOf(options.Separator);
                if (length < 0)
                {
                    _fields.Add(start..line.Length);
                    return;
                }

                _fields.Add(start..(start + length));
                start += length + 1;
            }
        }

        private ReadOnlySpan<char> Field(int column) => Line[_fields[column]].Trim();

        private void Begin()
        {
            _columnCount = _fields.Count;
            if (_columnCount < 2)
            {
                throw new CsvFormatException(sourceName, _lineNumber, 1, string.Create(CultureInfo.InvariantCulture, $"The first line has {_columnCount} column; a data set needs at least one feature and a target (is the separator '{options.Separator}'?)."));
            }

            if (options.HasHeader)
            {
                _header = new string[_columnCount];
                for (int c = 0; c < _columnCount; c++)
                {
                    _header[c] = Unquote(Field(c)).ToString();
                }
            }

            _columnHasMissing = new bool[_columnCount];
            _targetColumn = ResolveTargetColumn();
        }

        private int ResolveTargetColumn()
        {
            if (options.TargetColumn is { } name)
            {
                int found = Array.IndexOf(_header!, name);
                if (found < 0)
                {
                    throw new CsvFormatException(sourceName, _lineNumber, 1, $"There is no column named '{name}' in the header ({string.Join(", ", _header!)}).");
                }

                return found;
            }

            int index = options.TargetColumnIndex ?? -1;
            int resolved = index < 0 ? _columnCount + index : index;
            if (resolved < 0 || resolved >= _columnCount)
            {
                throw new CsvFormatException(sourceName, _lineNumber, 1, string.Create(CultureInfo.InvariantCulture, $"The target column index {index} is outside the {_columnCount} columns."));
            }

            return resolved;
        }

        private void AddRow()
        {
            if (_fields.Count != _columnCount)
            {
                int column = Math.Min(_fields.Count, _columnCount) + 1;
                throw new CsvFormatException(sourceName, _lineNumber, column, string.Create(CultureInfo.InvariantCulture, $"The row has {_fields.Count} fields; the first line has {_columnCount}."));
            }

            if (_targets.Count == options.MaxRows)
            {
                throw new CsvFormatException(sourceName, _lineNumber, 1, string.Create(CultureInfo.InvariantCulture, $"The file has more than {options.MaxRows} data rows (CsvOptions.MaxRows); raise the limit to read more."));
            }

            for (int c = 0; c < _columnCount; c++)
            {
                ReadOnlySpan<char> text = Field(c);
                float value;
                if (IsMissing(text))
                {
                    if (c == _targetColumn)
                    {
                        throw Error(c, $"The target ({ColumnName(c)}) is missing; rows need a target.");
                    }

                    if (options.MissingValues == MissingValuePolicy.Reject)
                    {
                        throw Error(c, $"The value of '{ColumnName(c)}' is missing (MissingValues is Reject; choose another MissingValuePolicy to impute it).");
                    }

                    _columnHasMissing![c] = true;
                    value = float.NaN;
                }
                else if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    throw Error(c, $"'{Shorten(text)}' in column '{ColumnName(c)}' is not a number.");
                }
                else if (!float.IsFinite(value))
                {
                    throw Error(c, $"'{Shorten(text)}' in column '{ColumnName(c)}' is not a finite number.");
                }

                if (c == _targetColumn)
                {
                    _targets.Add(value);
                }
                else
                {
                    _features.Add(value);
                }
            }
        }

        private bool IsMissing(ReadOnlySpan<char> text)
        {
            if (text.IsEmpty)
            {
                return true;
            }

            foreach (string marker in options.MissingValueMarkers)
            {
                if (text.SequenceEqual(marker))
                {
                    return true;
                }
            }

            return false;
        }

        private void Impute(float[] features, int featureCount, int rows)
        {
            if (options.MissingValues is MissingValuePolicy.Reject or MissingValuePolicy.KeepNaN)
            {
                return;
            }

            int feature = 0;
            for (int c = 0; c < _columnCount; c++)
            {
                if (c == _targetColumn)
                {
                    continue;
                }

                if (_columnHasMissing![c])
                {
                    float fill = options.MissingValues switch
                    {
                        MissingValuePolicy.Zero => 0f,
                        MissingValuePolicy.ColumnMean => ColumnStatistics.Mean(features, featureCount, feature),
                        _ => ColumnStatistics.Median(features, featureCount, feature),
                    };
                    if (float.IsNaN(fill))
                    {
                        throw new CsvFormatException(sourceName, 1, c + 1, $"Column '{ColumnName(c)}' has no values at all, so its missing values cannot be imputed.");
                    }

                    for (int r = 0; r < rows; r++)
                    {
                        ref float value = ref features[(r * featureCount) + feature];
                        if (float.IsNaN(value))
                        {
                            value = fill;
                        }
                    }
                }

                feature++;
            }
        }

        private CsvFormatException Error(int column, string problem) => new(sourceName, _lineNumber, column + 1, problem);

        private string ColumnName(int column) =>
            _header is not null ? _header[column] : "column " + (column + 1).ToString(CultureInfo.InvariantCulture);

        private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> text) =>
            text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

        private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "...");
    }
}
