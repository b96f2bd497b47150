using System;
using NetGen;

namespace CartPole;

/// <summary>
/// The cart-pole balancing task of Barto, Sutton and Anderson (1983), "Neuronlike adaptive elements that can solve
/// difficult learning control problems", IEEE Transactions on Systems, Man, and Cybernetics 13(5), with the constants,
/// Euler integration, termination, 500-step limit and reward of Gym's <c>CartPole-v1</c> (its documentation describes
/// them): a pole hinged on a cart that moves along a frictionless track, pushed left or right with a force of 10 N each
/// step of 0.02 s. The reward is 1 for every step, the last included; an episode ends when the pole leans more than
/// 12 degrees or the cart leaves the track (more than 2.4 m from the centre), and is cut after 500 steps.
/// </summary>
internal sealed class CartPoleEnvironment
{
    /// <summary>The observation: cart position, cart velocity, pole angle, pole angular velocity.</summary>
    public const int StateSize = 4;

    /// <summary>Push left (0) or right (1).</summary>
    public const int ActionCount = 2;

    /// <summary>The time limit of CartPole-v1.</summary>
    public const int MaxSteps = 500;

    private const double Gravity = 9.8;
    private const double CartMass = 1.0;
    private const double PoleMass = 0.1;
    private const double TotalMass = CartMass + PoleMass;
    private const double HalfPoleLength = 0.5;
    private const double PoleMassLength = PoleMass * HalfPoleLength;
    private const double ForceMagnitude = 10.0;
    private const double TimeStep = 0.02;
    private const double AngleLimit = 12 * 2 * Math.PI / 360;
    private const double PositionLimit = 2.4;

    private DeterministicRandom _random;
    private double _x;
    private double _xDot;
    private double _theta;
    private double _thetaDot;

    /// <summary>Creates the environment; <paramref name="seed"/> fixes the sequence of initial states.</summary>
    public CartPoleEnvironment(int seed) => _random = new DeterministicRandom(seed, stream: 11);

    /// <summary>The steps taken in the current episode.</summary>
    public int Steps { get; private set; }

    /// <summary>Starts an episode: every state variable uniform in [-0.05, 0.05].</summary>
    public void Reset(Span<float> observation)
    {
        _x = Uniform();
        _xDot = Uniform();
        _theta = Uniform();
        _thetaDot = Uniform();
        Steps = 0;
        Observe(observation);
    }

    /// <summary>Applies <paramref name="action"/> for one time step.</summary>
    /// <returns>The reward (1), whether the episode ended because the pole fell or the cart left the track
    /// (<paramref name="terminated"/>), and whether the time limit cut it (<paramref name="truncated"/>).</returns>
    public float Step(int action, Span<float> observation, out bool terminated, out bool truncated)
    {
        double force = action == 1 ? ForceMagnitude : -ForceMagnitude;
        double cos = Math.Cos(_theta);
        double sin = Math.Sin(_theta);
        double temp = (force + (PoleMassLength * _thetaDot * _thetaDot * sin)) / TotalMass;
        double thetaAcc = ((Gravity * sin) - (cos * temp)) / (HalfPoleLength * ((4.0 / 3.0) - (PoleMass * cos * cos / TotalMass)));
        double xAcc = temp - (PoleMassLength * thetaAcc * cos / TotalMass);
        _x += TimeStep * _xDot;
        _xDot += TimeStep * xAcc;
        _theta += TimeStep * _thetaDot;
        _thetaDot += TimeStep * thetaAcc;
        Steps++;
        terminated = _x < -PositionLimit || _x > PositionLimit || _theta < -AngleLimit || _theta > AngleLimit;
        truncated = !terminated && Steps >= MaxSteps;
        Observe(observation);
        return 1f;
    }

    /// <summary>The observation as the networks read it: each variable divided by a typical magnitude, so that all four are near [-1, 1].</summary>
    public static void Scale(ReadOnlySpan<float> observation, Span<float> input)
    {
        input[0] = observation[0] / 2.4f;
        input[1] = observation[1] / 3f;
        input[2] = observation[2] / 0.21f;
        input[3] = observation[3] / 3f;
    }

    private void Observe(Span<float> observation)
    {
        observation[0] = (float)_x;
        observation[1] = (float)_xDot;
        observation[2] = (float)_theta;
        observation[3] = (float)_thetaDot;
    }

    private double Uniform() => (_random.NextDouble() * 0.1) - 0.05;
}
