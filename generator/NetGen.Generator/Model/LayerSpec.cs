namespace NetGen.Generator.Model;

/// <summary>One layer attribute as declared: a Dense layer's units and activation, or a Dropout layer's rate.</summary>
internal sealed record LayerSpec(LayerKindSpec Kind, int Units, ActivationKind Activation, float Rate)
{
    public static LayerSpec Dense(int units, ActivationKind activation) => new(LayerKindSpec.Dense, units, activation, 0f);

    public static LayerSpec Dropout(float rate) => new(LayerKindSpec.Dropout, 0, ActivationKind.None, rate);
}
