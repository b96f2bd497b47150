using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Layers;
using NetGen.Generator.Validation;

namespace NetGen.Generator.Planning;

/// <summary>The checks every layer that slides a window (convolutions, pools) makes of its arguments and its input.</summary>
internal static class WindowChecks
{
    /// <summary>Reports <paramref name="argument"/> at <paramref name="value"/> below 1; returns whether it is at least 1.</summary>
    public static bool Positive(LayerContext context, string layer, string argument, int value)
    {
        if (value >= 1)
        {
            return true;
        }

        context.Report(ProblemIds.WindowArgumentNotPositive, argument, layer, Text(context.Index + 1), context.Input.Shape.ToString(), argument, Text(value));
        return false;
    }

    /// <summary>Reports an input that is not a sequence (<paramref name="spatialRank"/> 1) or an image (2); returns whether it is.</summary>
    public static bool Rank(LayerContext context, string layer, int spatialRank)
    {
        if (context.Input.Shape.Rank == spatialRank + 1)
        {
            return true;
        }

        context.Report(ProblemIds.WindowNeedsSpatialInput, null, layer, Text(context.Index + 1), spatialRank == 1 ? "(L, C)" : "(H, W, C)", context.Input.Shape.ToString());
        return false;
    }

    /// <summary>Warns when windows <paramref name="stride"/> apart leave input positions between them that nothing reads.</summary>
    public static void AdviseSkips(string layer, WindowGeometry geometry, int stride, LayerPlan plan, List<Problem> problems)
    {
        int span = geometry.SpanX;
        if (stride > span)
        {
            problems.Add(new Problem(
                ProblemIds.WindowSkipsInputs,
                Site.OfLayer(plan.Index, "Stride"),
                layer,
                Text(plan.Index + 1),
                plan.Input.Shape.ToString(),
                Text(stride),
                Text(span),
                Text(stride - span)));
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
