using System;
using NetGen;

namespace GameAgent;

/// <summary>
/// A small real-time game: in a square arena of side 1, an agent chases a target that glides and bounces off the walls,
/// while three round obstacles drift across the arena. Each frame (1/60 s) the agent stays or moves up, down, left or
/// right. It scores 1 for touching the target (which then reappears elsewhere), loses 0.05 for every frame it overlaps an
/// obstacle, and gets a small reward for closing the distance to the target. The game never ends; every state variable
/// lives in fixed fields, so a frame allocates nothing.
/// </summary>
internal sealed class Arena
{
    /// <summary>What the agent sees: its position, the target's offset and velocity, the nearest obstacle's offset and its clearance.</summary>
    public const int ObservationSize = 9;

    /// <summary>Stay, up, down, left, right.</summary>
    public const int ActionCount = 5;

    /// <summary>Obstacles in the arena.</summary>
    public const int ObstacleCount = 3;

    public const float AgentRadius = 0.03f;
    public const float TargetRadius = 0.025f;
    public const float ObstacleRadius = 0.09f;
    public const float FrameSeconds = 1f / 60f;

    private const float AgentSpeed = 0.5f;
    private const float TargetSpeed = 0.2f;
    private const float ObstacleSpeed = 0.08f;
    private const float CatchReward = 1f;
    private const float OverlapPenalty = 0.05f;
    private const float ApproachWeight = 10f;

    private readonly float[] _obstacleX = new float[ObstacleCount];
    private readonly float[] _obstacleY = new float[ObstacleCount];
    private readonly float[] _obstacleVx = new float[ObstacleCount];
    private readonly float[] _obstacleVy = new float[ObstacleCount];
    private DeterministicRandom _random;
    private bool _overlapping;

    /// <summary>Starts a game; <paramref name="seed"/> fixes where everything starts and where targets reappear.</summary>
    public Arena(int seed)
    {
        _random = new DeterministicRandom(seed, stream: 21);
        AgentX = 0.5f;
        AgentY = 0.5f;
        for (int i = 0; i < ObstacleCount; i++)
        {
            _obstacleX[i] = Uniform(ObstacleRadius, 1 - ObstacleRadius);
            _obstacleY[i] = Uniform(ObstacleRadius, 1 - ObstacleRadius);
            (_obstacleVx[i], _obstacleVy[i]) = Direction(ObstacleSpeed);
        }

        PlaceTarget();
    }

    public float AgentX { get; private set; }

    public float AgentY { get; private set; }

    public float TargetX { get; private set; }

    public float TargetY { get; private set; }

    public float TargetVx { get; private set; }

    public float TargetVy { get; private set; }

    /// <summary>The targets caught since the last <see cref="ResetCounters"/>.</summary>
    public int Catches { get; private set; }

    /// <summary>The times the agent ran into an obstacle (entered an overlap) since the last <see cref="ResetCounters"/>.</summary>
    public int Collisions { get; private set; }

    public float ObstacleX(int i) => _obstacleX[i];

    public float ObstacleY(int i) => _obstacleY[i];

    public void ResetCounters()
    {
        Catches = 0;
        Collisions = 0;
    }

    /// <summary>Writes what the agent sees, each value near [-1, 1].</summary>
    public void Observe(Span<float> observation)
    {
        int nearest = NearestObstacle(out float clearance);
        observation[0] = (2 * AgentX) - 1;
        observation[1] = (2 * AgentY) - 1;
        observation[2] = 2 * (TargetX - AgentX);
        observation[3] = 2 * (TargetY - AgentY);
        observation[4] = TargetVx / TargetSpeed;
        observation[5] = TargetVy / TargetSpeed;
        observation[6] = 2 * (_obstacleX[nearest] - AgentX);
        observation[7] = 2 * (_obstacleY[nearest] - AgentY);
        observation[8] = Math.Clamp(clearance * 5, -1f, 1f);
    }

    /// <summary>Advances the game one frame with the agent's action and returns the agent's reward.</summary>
    public float Step(int action)
    {
        float before = Distance(AgentX, AgentY, TargetX, TargetY);
        float step = AgentSpeed * FrameSeconds;
        (float dx, float dy) = action switch
        {
            1 => (0f, step),
            2 => (0f, -step),
            3 => (-step, 0f),
            4 => (step, 0f),
            _ => (0f, 0f),
        };
        AgentX = Math.Clamp(AgentX + dx, AgentRadius, 1 - AgentRadius);
        AgentY = Math.Clamp(AgentY + dy, AgentRadius, 1 - AgentRadius);
        (float tx, float ty, float tvx, float tvy) = Bounce(TargetX, TargetY, TargetVx, TargetVy, TargetRadius);
        (TargetX, TargetY, TargetVx, TargetVy) = (tx, ty, tvx, tvy);
        for (int i = 0; i < ObstacleCount; i++)
        {
            (_obstacleX[i], _obstacleY[i], _obstacleVx[i], _obstacleVy[i]) = Bounce(_obstacleX[i], _obstacleY[i], _obstacleVx[i], _obstacleVy[i], ObstacleRadius);
        }

        float reward = ApproachWeight * (before - Distance(AgentX, AgentY, TargetX, TargetY));
        if (Distance(AgentX, AgentY, TargetX, TargetY) < AgentRadius + TargetRadius)
        {
            reward += CatchReward;
            Catches++;
            PlaceTarget();
        }

        NearestObstacle(out float clearance);
        bool overlapping = clearance < 0;
        if (overlapping)
        {
            reward -= OverlapPenalty;
            Collisions += _overlapping ? 0 : 1;
        }

        _overlapping = overlapping;
        return reward;
    }

    private int NearestObstacle(out float clearance)
    {
        int nearest = 0;
        clearance = float.MaxValue;
        for (int i = 0; i < ObstacleCount; i++)
        {
            float c = Distance(AgentX, AgentY, _obstacleX[i], _obstacleY[i]) - ObstacleRadius - AgentRadius;
            if (c < clearance)
            {
                clearance = c;
                nearest = i;
            }
        }

        return nearest;
    }

    private static (float X, float Y, float Vx, float Vy) Bounce(float x, float y, float vx, float vy, float radius)
    {
        x += vx * FrameSeconds;
        y += vy * FrameSeconds;
        if (x < radius || x > 1 - radius)
        {
            vx = -vx;
            x = Math.Clamp(x, radius, 1 - radius);
        }

        if (y < radius || y > 1 - radius)
        {
            vy = -vy;
            y = Math.Clamp(y, radius, 1 - radius);
        }

        return (x, y, vx, vy);
    }

    private void PlaceTarget()
    {
        TargetX = Uniform(TargetRadius, 1 - TargetRadius);
        TargetY = Uniform(TargetRadius, 1 - TargetRadius);
        (TargetVx, TargetVy) = Direction(TargetSpeed);
    }

    private (float X, float Y) Direction(float speed)
    {
        double angle = _random.NextDouble() * 2 * Math.PI;
        return ((float)(speed * Math.Cos(angle)), (float)(speed * Math.Sin(angle)));
    }

    private float Uniform(float low, float high) => low + ((high - low) * _random.NextSingle());

    private static float Distance(float x0, float y0, float x1, float y1) => MathF.Sqrt(((x1 - x0) * (x1 - x0)) + ((y1 - y0) * (y1 - y0)));
}

/// <summary>Per 20 s episode of one game: the return, the targets caught, the collisions and the exploration rate at its end.</summary>
internal sealed record GameRecord(double[] Returns, int[] Catches, int[] Collisions, double[] Epsilons);
