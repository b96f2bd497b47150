using System;

namespace LinearRegression;

/// <summary>The exact least-squares fit (normal equations solved by Gaussian elimination in double), as a reference for gradient descent.</summary>
internal static class LeastSquares
{
    /// <summary>The weights and intercept minimising the mean squared error of <c>y ≈ X w + b</c>; the intercept is last.</summary>
    public static double[] Fit(ReadOnlySpan<float> features, int width, ReadOnlySpan<float> targets)
    {
        int n = width + 1;
        var a = new double[n, n + 1];
        for (int r = 0; r < targets.Length; r++)
        {
            for (int i = 0; i < n; i++)
            {
                double xi = i < width ? features[(r * width) + i] : 1;
                for (int j = 0; j < n; j++)
                {
                    a[i, j] += xi * (j < width ? features[(r * width) + j] : 1);
                }

                a[i, n] += xi * targets[r];
            }
        }

        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < n; r++)
            {
                if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c]))
                {
                    pivot = r;
                }
            }

            for (int j = 0; j <= n; j++)
            {
                (a[c, j], a[pivot, j]) = (a[pivot, j], a[c, j]);
            }

            for (int r = 0; r < n; r++)
            {
                if (r != c)
                {
                    double factor = a[r, c] / a[c, c];
                    for (int j = c; j <= n; j++)
                    {
                        a[r, j] -= factor * a[c, j];
                    }
                }
            }
        }

        var solution = new double[n];
        for (int i = 0; i < n; i++)
        {
            solution[i] = a[i, n] / a[i, i];
        }

        return solution;
    }
}
