using System;
using System.Globalization;

namespace NetGen;

/// <summary>The sizes of a window sliding along one axis (a convolution's kernel, a pool's window), shared by the layers that slide one.</summary>
internal static class WindowShape
{
    /// <summary>The zeros <paramref name="padding"/> puts before and after an axis for a kernel spanning <paramref name="span"/> =
    /// <c>dilation * (kernelSize - 1) + 1</c>: none for Valid, <c>span - 1</c> in total for Same (the smaller half before) and
    /// all of it before for Causal.</summary>
    public static (int Before, int After) Pads(Padding padding, int span) => padding switch
    {
        Padding.Same => ((span - 1) / 2, span - 1 - ((span - 1) / 2)),
        Padding.Causal => (span - 1, 0),
        _ => (0, 0),
    };

    /// <summary>The output length of an axis of <paramref name="length"/>: <c>floor((length + pads - span) / stride) + 1</c>, or 0 when the
    /// window does not fit even once.</summary>
    public static int OutputLength(int length, int span, int stride, int pads)
    {
        long room = (long)length + pads - span;
        return room < 0 ? 0 : (int)((room / stride) + 1);
    }

    /// <summary>Throws unless <paramref name="value"/> is at least 1.</summary>
    public static void Positive(int value, string what, string layer, string parameterName)
    {
        if (value < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A {layer} layer's {what} must be at least 1; it is {value}."), parameterName);
        }
    }
}
