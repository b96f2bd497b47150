using System;

namespace NetGen.ModelSelection;

/// <summary>Where a random search draws a hyperparameter's values from.</summary>
public abstract class ParameterDistribution
{
    /// <summary>Draws one value.</summary>
    public abstract float Sample(ref DeterministicRandom random);

    /// <summary>Uniform on [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static ParameterDistribution Uniform(float min, float max) => new UniformDistribution(min, max, logarithmic: false);

    /// <summary>Log-uniform on [<paramref name="min"/>, <paramref name="max"/>): each decade equally likely (for learning rates and penalties). Both bounds positive.</summary>
    public static ParameterDistribution LogUniform(float min, float max) => new UniformDistribution(min, max, logarithmic: true);

    /// <summary>One of <paramref name="values"/>, each equally likely.</summary>
    public static ParameterDistribution Choice(params float[] values) => new ChoiceDistribution(values);

    private sealed class UniformDistribution : ParameterDistribution
    {
        private readonly double _low;
        private readonly double _high;
        private readonly bool _logarithmic;

        public UniformDistribution(float min, float max, bool logarithmic)
        {
            if (!(float.IsFinite(min) && float.IsFinite(max) && max > min))
            {
                throw new ArgumentException($"The range [{min}, {max}) must be finite and not empty.", nameof(max));
            }

            if (logarithmic && !(min > 0))
            {
                throw new ArgumentException($"A log-uniform range needs positive bounds; the minimum is {min}.", nameof(min));
            }

            _logarithmic = logarithmic;
            _low = logarithmic ? Math.Log(min) : min;
            _high = logarithmic ? Math.Log(max) : max;
        }

        public override float Sample(ref DeterministicRandom random)
        {
            double x = _low + (random.NextDouble() * (_high - _low));
            return (float)(_logarithmic ? Math.Exp(x) : x);
        }
    }

    private sealed class ChoiceDistribution : ParameterDistribution
    {
        private readonly float[] _values;

        public ChoiceDistribution(float[] values)
        {
            ArgumentNullException.ThrowIfNull(values);
            if (values.Length == 0)
            {
                throw new ArgumentException("Give at least one value to choose from.", nameof(values));
            }

            _values = (float[])values.Clone();
        }

        public override float Sample(ref DeterministicRandom random) => _values[random.NextInt32(_values.Length)];
    }
}
