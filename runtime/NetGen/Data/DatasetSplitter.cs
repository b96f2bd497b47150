using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;

namespace NetGen.Data;

/// <summary>
/// Seeded splits of a data set: train/validation/test by fractions (optionally stratified by
/// class, so each part keeps the class proportions), k-fold and stratified k-fold partitions.
/// The same seed gives the same split on every machine (see <see cref="DeterministicRandom"/>).
/// </summary>
public static class DatasetSplitter
{
    /// <summary>The numbers 0 to <paramref name="count"/> - 1 in an order drawn from <paramref name="seed"/>.</summary>
    public static int[] Permutation(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var random = new DeterministicRandom(seed, stream: 7);
        random.Shuffle(order.AsSpan());
        return order;
    }

    /// <summary>Splits into a training and a test part.</summary>
    /// <param name="data">The rows to split.</param>
    /// <param name="testFraction">The share of rows for the test part, in (0, 1); the count is rounded to the nearest row.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <param name="stratify">Whether each class keeps its proportion in both parts (needs class targets, see <see cref="Dataset.ClassOf"/>).</param>
    public static (Dataset Train, Dataset Test) TrainTestSplit(Dataset data, double testFraction, int seed, bool stratify = false)
    {
        DatasetSplit split = Split(data, 0, testFraction, seed, stratify);
        return (split.Train, split.Test);
    }

    /// <summary>Splits into training, validation and test parts.</summary>
    /// <param name="data">The rows to split.</param>
    /// <param name="validationFraction">The share of rows for validation, in [0, 1).</param>
    /// <param name="testFraction">The share of rows for testing, in [0, 1); the two fractions add up to less than 1.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <param name="stratify">Whether each class keeps its proportion in every part (needs class targets, see <see cref="Dataset.ClassOf"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is outside [0, 1) or they leave no training rows.</exception>
    public static DatasetSplit Split(Dataset data, double validationFraction, double testFraction, int seed, bool stratify = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFraction(validationFraction, nameof(validationFraction));
        CheckFraction(testFraction, nameof(testFraction));
        if (validationFraction + testFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, string.Create(CultureInfo.InvariantCulture, $"The validation ({validationFraction}) and test ({testFraction}) fractions leave no rows for training."));
        }

        int n = data.Count;
        int testCount = (int)Math.Round(n * testFraction, MidpointRounding.AwayFromZero);
        int validationCount = (int)Math.Round(n * validationFraction, MidpointRounding.AwayFromZero);
        if (testCount + validationCount >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, string.Create(CultureInfo.InvariantCulture, $"{n} rows leave none for training with {validationCount} for validation and {testCount} for testing."));
        }

        var train = new List<int>(n);
        var validation = new List<int>(validationCount);
        var test = new List<int>(testCount);
        if (!stratify)
        {
            int[] order = Permutation(n, seed);
            test.AddRange(order.AsSpan(0, testCount));
            validation.AddRange(order.AsSpan(testCount, validationCount));
            train.AddRange(order.AsSpan(testCount + validationCount));
        }
        else
        {
            List<int>[] byClass = GroupByClass(data, seed);
            int[] testPerClass = Apportion(byClass, testCount, null);
            int[] validationPerClass = Apportion(byClass, validationCount, testPerClass);
            for (int c = 0; c < byClass.Length; c++)
            {
                List<int> rows = byClass[c];
                test.AddRange(rows.GetRange(0, testPerClass[c]));
                validation.AddRange(rows.GetRange(testPerClass[c], validationPerClass[c]));
                train.AddRange(rows.GetRange(testPerClass[c] + validationPerClass[c], rows.Count - testPerClass[c] - validationPerClass[c]));
            }

            // Mix the classes so that a part is not ordered by class.
            var random = new DeterministicRandom(seed, stream: 8);
#if NET
            random.Shuffle(CollectionsMarshal.AsSpan(train));
            random.Shuffle(CollectionsMarshal.AsSpan(validation));
            random.Shuffle(CollectionsMarshal.AsSpan(test));
#else
            ShuffleList(ref random, train); // netstandard2.1 has no CollectionsMarshal: the same shuffles on copies
            ShuffleList(ref random, validation);
            ShuffleList(ref random, test);
#endif
        }

        return new DatasetSplit(data.Subset(train.ToArray()), data.Subset(validation.ToArray()), data.Subset(test.ToArray()));
    }

#if !NET
    private static void ShuffleList(ref DeterministicRandom random, List<int> rows)
    {
        int[] copy = rows.ToArray();
        random.Shuffle<int>(copy);
        rows.Clear();
        rows.AddRange(copy);
    }
#endif

    /// <summary>
    /// Partitions the rows into <paramref name="k"/> folds of sizes differing by at most one (the
    /// first <c>count % k</c> folds take one more), after a seeded shuffle. Every row is held out
    /// by exactly one fold.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 2 or above the number of rows.</exception>
    public static IReadOnlyList<Fold> KFold(int count, int k, int seed)
    {
        CheckFolds(count, k);
        int[] order = Permutation(count, seed);
        var assignment = new int[count];
        int position = 0;
        for (int fold = 0; fold < k; fold++)
        {
            int size = (count / k) + (fold < count % k ? 1 : 0);
            for (int i = 0; i < size; i++)
            {
                assignment[order[position++]] = fold;
            }
        }

        return MakeFolds(assignment, k);
    }

    /// <summary>
    /// Like <see cref="KFold"/>, but each class is spread over the folds as evenly as possible, so
    /// every fold keeps the class proportions (per class, fold counts differ by at most one). A
    /// class with fewer rows than <paramref name="k"/> is missing from some folds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 2 or above the number of rows.</exception>
    public static IReadOnlyList<Fold> StratifiedKFold(Dataset data, int k, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFolds(data.Count, k);
        List<int>[] byClass = GroupByClass(data, seed);
        var assignment = new int[data.Count];
        int position = 0;
        foreach (List<int> rows in byClass)
        {
            foreach (int row in rows)
            {
                assignment[row] = position % k;
                position++;
            }
        }

        return MakeFolds(assignment, k);
    }

    // The rows of each class present, in ascending class order, each list in a seeded order. Only
    // classes that occur get a list, so a large label (a class id of 50,000,000) costs nothing.
    private static List<int>[] GroupByClass(Dataset data, int seed)
    {
        int[] classes = data.Classes();
        var byClass = new SortedDictionary<int, List<int>>();
        foreach (int row in Permutation(data.Count, seed))
        {
            if (!byClass.TryGetValue(classes[row], out List<int>? rows))
            {
                rows = [];
                byClass.Add(classes[row], rows);
            }

            rows.Add(row);
        }

        return [.. byClass.Values];
    }

    // Largest-remainder apportionment of 'total' rows over the classes in proportion to their
    // sizes (less what 'taken' already holds), so the total is exact and each class is within one
    // row of its ideal share.
    private static int[] Apportion(List<int>[] byClass, int total, int[]? taken)
    {
        int n = 0;
        foreach (List<int> rows in byClass)
        {
            n += rows.Count;
        }

        var counts = new int[byClass.Length];
        var remainders = new double[byClass.Length];
        int assigned = 0;
        for (int c = 0; c < byClass.Length; c++)
        {
            double ideal = n == 0 ? 0 : (double)byClass[c].Count * total / n;
            int available = byClass[c].Count - (taken?[c] ?? 0);
            counts[c] = Math.Min((int)Math.Floor(ideal), available);
            remainders[c] = ideal - counts[c];
            assigned += counts[c];
        }

        while (assigned < total)
        {
            int best = -1;
            for (int c = 0; c < byClass.Length; c++)
            {
                int available = byClass[c].Count - (taken?[c] ?? 0);
                if (counts[c] < available && (best < 0 || remainders[c] > remainders[best]))
                {
                    best = c;
                }
            }

            if (best < 0)
            {
                break;
            }

            counts[best]++;
            remainders[best] -= 1;
            assigned++;
        }

        return counts;
    }

    private static Fold[] MakeFolds(int[] assignment, int k)
    {
        var folds = new Fold[k];
        for (int fold = 0; fold < k; fold++)
        {
            var train = new List<int>();
            var test = new List<int>();
            for (int row = 0; row < assignment.Length; row++)
            {
                (assignment[row] == fold ? test : train).Add(row);
            }

            folds[fold] = new Fold(fold, train.ToArray(), test.ToArray());
        }

        return folds;
    }

    private static void CheckFraction(double fraction, string name)
    {
        if (!(fraction >= 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(name, fraction, $"{name} must be in [0, 1); it is {fraction}.");
        }
    }

    private static void CheckFolds(int count, int k)
    {
        if (k < 2 || k > count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, string.Create(CultureInfo.InvariantCulture, $"The number of folds must be from 2 to the number of rows ({count}); it is {k}."));
        }
    }
}
