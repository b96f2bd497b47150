namespace NetGen.Generator.Parsing;

/// <summary>The metadata names of the runtime's attribute types.</summary>
internal static class WellKnownNames
{
    public const string NetworkAttribute = "NetGen.NetworkAttribute";
    public const string DenseAttribute = "NetGen.DenseAttribute";
    public const string DropoutAttribute = "NetGen.DropoutAttribute";
}
