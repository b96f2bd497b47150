using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Arm64Runner;

/// <summary>
/// The tests to run, one entry a line: a namespace or class (every test in it), a qualified method (every row of a
/// theory), or a theory row's display name exactly as xunit prints it; an entry starting with <c>-</c> removes the tests it
/// names from those the other entries select. Blank lines and lines starting with <c>#</c> are comments. Every entry must
/// name at least one test, so a renamed test cannot silently drop out.
/// </summary>
internal sealed class Selection
{
    private readonly Dictionary<string, int> _hits;

    private Selection(IEnumerable<string> entries) => _hits = entries.Distinct(StringComparer.Ordinal).ToDictionary(entry => entry, _ => 0, StringComparer.Ordinal);

    /// <summary>The entries that selected no test so far.</summary>
    public IEnumerable<string> Unmatched => _hits.Where(pair => pair.Value == 0).Select(pair => pair.Key);

    public static Selection Parse(IEnumerable<string> lines) =>
        new(lines.Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')));

    /// <summary>Whether a test, named by its qualified method and its display name, is selected; counts the entries that name it.</summary>
    public bool Includes(string qualifiedMethod, string displayName)
    {
        bool included = false, excluded = false;
        foreach (string entry in _hits.Keys.ToList())
        {
            bool exclusion = entry.StartsWith('-');
            string name = exclusion ? entry[1..] : entry;
            if (name == displayName || name == qualifiedMethod || qualifiedMethod.StartsWith(name + ".", StringComparison.Ordinal))
            {
                _hits[entry]++;
                excluded |= exclusion;
                included |= !exclusion;
            }
        }

        return included && !excluded;
    }
}
