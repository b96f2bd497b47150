using System;
using System.IO;
using SkiaSharp;

namespace GameAgent;

/// <summary>
/// Records the positions of a stretch of frames (into arrays allocated up front) and draws them as a filmstrip PNG:
/// panels in a grid, each the arena at one moment with the agent's trail since the previous panel.
/// </summary>
internal sealed class Filmstrip
{
    private const int Panel = 220;
    private const int Margin = 8;
    private const int Columns = 4;

    private readonly float[] _agent;
    private readonly float[] _target;
    private readonly float[] _obstacles;
    private int _frames;

    public Filmstrip(int frames)
    {
        _agent = new float[frames * 2];
        _target = new float[frames * 2];
        _obstacles = new float[frames * Arena.ObstacleCount * 2];
    }

    public int Capacity => _agent.Length / 2;

    /// <summary>Records the arena as it is now; frames past the capacity are ignored.</summary>
    public void Record(Arena arena)
    {
        if (_frames == Capacity)
        {
            return;
        }

        _agent[2 * _frames] = arena.AgentX;
        _agent[(2 * _frames) + 1] = arena.AgentY;
        _target[2 * _frames] = arena.TargetX;
        _target[(2 * _frames) + 1] = arena.TargetY;
        for (int i = 0; i < Arena.ObstacleCount; i++)
        {
            _obstacles[2 * ((_frames * Arena.ObstacleCount) + i)] = arena.ObstacleX(i);
            _obstacles[(2 * ((_frames * Arena.ObstacleCount) + i)) + 1] = arena.ObstacleY(i);
        }

        _frames++;
    }

    /// <summary>Draws <paramref name="panels"/> panels evenly over the recorded frames and writes the PNG.</summary>
    public void Save(string path, int panels, string caption)
    {
        int rows = (panels + Columns - 1) / Columns;
        int width = (Columns * (Panel + Margin)) + Margin;
        int height = (rows * (Panel + Margin)) + Margin + 24;
        using var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 14);
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(caption, Margin, height - 8, font, text);
        int step = Math.Max(1, _frames / panels);
        for (int p = 0; p < panels; p++)
        {
            int frame = Math.Min(_frames - 1, ((p + 1) * step) - 1);
            float left = Margin + ((p % Columns) * (Panel + Margin));
            float top = Margin + ((p / Columns) * (Panel + Margin));
            DrawPanel(canvas, font, text, frame, Math.Max(0, frame - step + 1), left, top);
        }

        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(path);
        png.SaveTo(file);
    }

    private void DrawPanel(SKCanvas canvas, SKFont font, SKPaint text, int frame, int trailStart, float left, float top)
    {
        using var border = new SKPaint { Color = SKColors.Gray, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        using var obstacle = new SKPaint { Color = new SKColor(120, 120, 120), IsAntialias = true };
        using var target = new SKPaint { Color = new SKColor(220, 60, 40), IsAntialias = true };
        using var agent = new SKPaint { Color = new SKColor(30, 90, 200), IsAntialias = true };
        using var trail = new SKPaint { Color = new SKColor(30, 90, 200, 110), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
        canvas.DrawRect(left, top, Panel, Panel, border);
        float X(float x) => left + (x * Panel);
        float Y(float y) => top + ((1 - y) * Panel);
        for (int i = 0; i < Arena.ObstacleCount; i++)
        {
            int at = 2 * ((frame * Arena.ObstacleCount) + i);
            canvas.DrawCircle(X(_obstacles[at]), Y(_obstacles[at + 1]), Arena.ObstacleRadius * Panel, obstacle);
        }

        for (int f = trailStart + 1; f <= frame; f++)
        {
            canvas.DrawLine(X(_agent[2 * (f - 1)]), Y(_agent[(2 * (f - 1)) + 1]), X(_agent[2 * f]), Y(_agent[(2 * f) + 1]), trail);
        }

        canvas.DrawCircle(X(_target[2 * frame]), Y(_target[(2 * frame) + 1]), Arena.TargetRadius * Panel, target);
        canvas.DrawCircle(X(_agent[2 * frame]), Y(_agent[(2 * frame) + 1]), Arena.AgentRadius * Panel, agent);
        canvas.DrawText($"{frame * Arena.FrameSeconds:F1} s", left + 4, top + 16, font, text);
    }
}
