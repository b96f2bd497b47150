using System;
using System.Diagnostics;
using System.Linq;
using GameAgent;
using NetGen.Samples;
using Spectre.Console;

// A game whose agent learns while it plays: one Double DQN step (prioritised replay, soft target updates) in every
// frame of a 60 frames-per-second arena game, with the cost of the agent's work per frame measured and the bytes it
// allocates per frame checked to be 0. A random player on the same arena is the baseline. --quick (for CI) plays a
// shorter game. The process exits with 1 when a frame allocated, the agent did not learn, or (in the full run) the
// 99th percentile of the per-frame cost is 50 µs or more.
bool quick = SampleData.Start(args);
const int Seed = 7;
const int EpisodeFrames = 1_200;
const int WarmupFrames = 1_000;
const int FilmFrames = 240;
const double BudgetMicroseconds = 50;
int episodes = quick ? 10 : 30;
int frames = episodes * EpisodeFrames;
var clock = Stopwatch.StartNew();

AnsiConsole.MarkupLine($"[bold]Arena[/]: chase the red target, avoid the grey obstacles; {Arena.ActionCount} actions, {frames:N0} frames at 60 per second ({frames / 3600.0:F1} minutes of play)");
AnsiConsole.MarkupLine($"Q-network {ArenaQNetwork.Architecture}, batch {ArenaQNetwork.BatchSize}");

var random = Play(learn: false, frames, EpisodeFrames, Seed, out _, out _, early: null, late: null);
var early = new Filmstrip(FilmFrames);
var late = new Filmstrip(FilmFrames);
var learning = Play(learn: true, frames, EpisodeFrames, Seed, out double[] costs, out long allocated, early, late);

var table = new Table().AddColumn(new TableColumn("episode").RightAligned()).AddColumn(new TableColumn("minutes played").RightAligned())
    .AddColumn(new TableColumn("epsilon").RightAligned()).AddColumn(new TableColumn("return").RightAligned())
    .AddColumn(new TableColumn("targets caught").RightAligned()).AddColumn(new TableColumn("collisions").RightAligned())
    .AddColumn(new TableColumn("random: return").RightAligned()).AddColumn(new TableColumn("random: caught").RightAligned());
for (int e = 0; e < episodes; e++)
{
    table.AddRow($"{e + 1}", $"{(e + 1) * EpisodeFrames / 3600.0:F1}", $"{learning.Epsilons[e]:F2}", $"{learning.Returns[e]:F1}", $"{learning.Catches[e]}", $"{learning.Collisions[e]}", $"{random.Returns[e]:F1}", $"{random.Catches[e]}");
}

AnsiConsole.Write(table);

double[] measured = costs[WarmupFrames..];
Array.Sort(measured);
double mean = measured.Average();
double p99 = measured[(int)Math.Ceiling(0.99 * measured.Length) - 1];
double bytesPerFrame = allocated / (double)(frames - WarmupFrames);
AnsiConsole.MarkupLine($"Agent's work per frame (choose an action, store the transition, one training step on {ArenaQNetwork.BatchSize} rows, soft update), frames {WarmupFrames + 1:N0} to {frames:N0}:");
AnsiConsole.MarkupLine($"  mean {mean:F1} µs, median {measured[measured.Length / 2]:F1} µs, 99th percentile {p99:F1} µs, max {measured[^1]:F1} µs; allocated {allocated} B in {frames - WarmupFrames:N0} frames = {bytesPerFrame:F1} B per frame");
double[] plain = TimePlainWork(measured[measured.Length / 2], measured.Length);
AnsiConsole.MarkupLine($"  the machine itself: plain arithmetic timed the same way, median {plain[plain.Length / 2]:F1} µs, 99th percentile {plain[(int)Math.Ceiling(0.99 * plain.Length) - 1]:F1} µs (what is left of the tail is interrupts and other processes)");

string plot = Charts.Lines(
    "gameagent-returns.png",
    "Arena: return per 20 s episode",
    "episode",
    "return",
    [("learning agent (Double DQN, one step per frame)", learning.Returns), ("random player", random.Returns)]);
string earlyPath = SampleData.OutputPath("gameagent-first-seconds.png");
early.Save(earlyPath, 8, $"The first {FilmFrames / 60} s of play: the agent has learned nothing yet");
string latePath = SampleData.OutputPath("gameagent-learned.png");
late.Save(latePath, 8, $"The last {FilmFrames / 60} s of play, after {frames / 3600.0:F1} minutes of learning");
AnsiConsole.MarkupLine($"Plot: {SampleData.Display(plot)}");
AnsiConsole.MarkupLine($"Frames before learning: {SampleData.Display(earlyPath)}");
AnsiConsole.MarkupLine($"Frames after learning: {SampleData.Display(latePath)}");

int tail = Math.Min(3, episodes);
double learnedCatches = learning.Catches.TakeLast(tail).Average();
double randomCatches = random.Catches.Average();
bool learned = learnedCatches >= 3 * Math.Max(randomCatches, 1);
bool allocationFree = allocated == 0;
bool withinBudget = p99 < BudgetMicroseconds;
AnsiConsole.MarkupLine($"Targets caught per episode: {learnedCatches:F1} over the last {tail} episodes against {randomCatches:F1} for the random player: {(learned ? "learned" : "[red]did not learn (3 times the random player's is the bar)[/]")}");
AnsiConsole.MarkupLine($"Per-frame budget: 99th percentile {p99:F1} µs {(withinBudget ? "<" : "[red]>=[/]")} {BudgetMicroseconds} µs{(quick && !withinBudget ? " (not enforced with --quick)" : string.Empty)}; {(allocationFree ? "0 B per frame" : "[red]the game loop allocated[/]")}");
AnsiConsole.MarkupLine($"Finished in {clock.Elapsed.TotalSeconds:F1} s");
return learned && allocationFree && (quick || withinBudget) ? 0 : 1;

// Plays the game for the given frames, with the learning agent or a random player. The frame loop allocates nothing:
// results go to arrays made before it starts. For the learning agent, the cost of its work in each frame (choosing,
// then learning) is recorded, and the bytes this thread allocated after the warm-up frames are counted.
static GameRecord Play(bool learn, int frames, int episodeFrames, int seed, out double[] costs, out long allocated, Filmstrip? early, Filmstrip? late)
{
    int episodes = frames / episodeFrames;
    var record = new GameRecord(new double[episodes], new int[episodes], new int[episodes], new double[episodes]);
    var arena = new Arena(seed);
    var learner = new Learner(seed, explorationFrames: Math.Min(10_000, frames / 3));
    var player = new NetGen.Reinforcement.ActionSampler(seed + 1);
    var observation = new float[Arena.ObservationSize];
    var next = new float[Arena.ObservationSize];
    costs = new double[frames];
    allocated = 0;
    long allocatedBefore = 0;
    double ticksPerMicrosecond = Stopwatch.Frequency / 1e6;
    double total = 0;
    arena.Observe(observation);
    for (int frame = 0; frame < frames; frame++)
    {
        if (frame == WarmupFrames)
        {
            allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        }

        long start = Stopwatch.GetTimestamp();
        int action = learn ? learner.Choose(observation) : player.Uniform(Arena.ActionCount);
        long chosen = Stopwatch.GetTimestamp();
        float reward = arena.Step(action);
        arena.Observe(next);
        long stepped = Stopwatch.GetTimestamp();
        if (learn)
        {
            learner.Learn(observation, action, reward, next);
        }

        long learned = Stopwatch.GetTimestamp();
        costs[frame] = (chosen - start + (learned - stepped)) / ticksPerMicrosecond;
        next.AsSpan().CopyTo(observation);
        total += reward;
        if (frame < FilmFrames)
        {
            early?.Record(arena);
        }
        else if (frame >= frames - FilmFrames)
        {
            late?.Record(arena);
        }

        if ((frame + 1) % episodeFrames == 0)
        {
            int e = frame / episodeFrames;
            record.Returns[e] = total;
            record.Catches[e] = arena.Catches;
            record.Collisions[e] = arena.Collisions;
            record.Epsilons[e] = learner.Epsilon;
            arena.ResetCounters();
            total = 0;
        }
    }

    allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    return record;
}

// The machine's own tail at this scale: a dependent chain of additions, repeated so that its median matches the
// agent's, timed as many times as there were frames. Sorted.
static double[] TimePlainWork(double medianMicroseconds, int count)
{
    var data = new float[256];
    for (int i = 0; i < data.Length; i++)
    {
        data[i] = i * 1e-3f;
    }

    double ticksPerMicrosecond = Stopwatch.Frequency / 1e6;
    double[] times = new double[count];
    float sink = 0;
    int repetitions = 1;
    for (int attempt = 0; attempt < 2; attempt++)
    {
        for (int i = 0; i < 501; i++)
        {
            long start = Stopwatch.GetTimestamp();
            sink += Sum(data, repetitions);
            times[i] = (Stopwatch.GetTimestamp() - start) / ticksPerMicrosecond;
        }

        Array.Sort(times, 0, 501);
        repetitions = Math.Max(1, (int)Math.Round(repetitions * medianMicroseconds / Math.Max(times[250], 0.01)));
    }

    for (int i = 0; i < count; i++)
    {
        long start = Stopwatch.GetTimestamp();
        sink += Sum(data, repetitions);
        times[i] = (Stopwatch.GetTimestamp() - start) / ticksPerMicrosecond;
    }

    Array.Sort(times);
    GC.KeepAlive(sink);
    return times;

    static float Sum(float[] data, int repetitions)
    {
        float sum = 0;
        for (int r = 0; r < repetitions; r++)
        {
            foreach (float value in data)
            {
                sum += value;
            }
        }

        return sum;
    }
}
