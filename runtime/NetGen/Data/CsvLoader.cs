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
/// <see cref="DatasetFormatException"/>) naming the file, line and column; a missing file throws
/// <see cref="FileNotFoundException"/>; options that contradict each other throw
/// <see cref="ArgumentException"/>.
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
        Stream content;
        try
        {
            content = CompressedStream.OpenMaybeCompressed(stream);
        }
        catch (InvalidDataException exception)
        {
            throw new CsvFormatException(sourceName, 1, 1, "The gzip container is corrupt: " + exception.Message, exception);
        }

        using var reader = new StreamReader(content);
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
        private readonly List<string> _fields = [];
        private int _lineNumber;
        private int _columnCount = -1;
        private int _targetColumn = -1;
        private string[]? _header;
        private bool[]? _columnHasMissing;

        public Dataset Parse()
        {
            string? line;
            while ((line = NextLine()) is not null)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                Split(line);
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

        private string? NextLine()
        {
            try
            {
                string? line = reader.ReadLine();
                _lineNumber++;
                return line;
            }
            catch (InvalidDataException exception)
            {
                throw new CsvFormatException(sourceName, _lineNumber + 1, 1, "The gzip container is corrupt: " + exception.Message, exception);
            }
        }

        private void Split(string line)
        {
            _fields.Clear();
            int start = 0;
            while (true)
            {
                int end = line.IndexOf(options.Separator, start);
                if (end < 0)
                {
                    _fields.Add(line[start..]);
                    return;
                }

                _fields.Add(line[start..end]);
                start = end + 1;
            }
        }

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
                    _header[c] = Unquote(_fields[c].Trim());
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

            for (int c = 0; c < _columnCount; c++)
            {
                string text = _fields[c].Trim();
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

        private bool IsMissing(string text)
        {
            if (text.Length == 0)
            {
                return true;
            }

            foreach (string marker in options.MissingValueMarkers)
            {
                if (string.Equals(text, marker, StringComparison.Ordinal))
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

        private static string Unquote(string text) =>
            text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

        private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
    }
}
