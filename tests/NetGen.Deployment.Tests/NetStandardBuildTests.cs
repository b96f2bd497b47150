using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace NetGen.Deployment.Tests;

/// <summary>
/// The netstandard2.1 build of the runtime (for Unity's Mono and IL2CPP) is read as metadata, without loading it: it must
/// target .NET Standard 2.1 and refer to nothing in System.Runtime.Intrinsics, which those runtimes do not have.
/// </summary>
public sealed class NetStandardBuildTests
{
    private static string AssemblyPath()
    {
        string? path = typeof(NetStandardBuildTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "NetGenNetStandardAssembly")?.Value;
        Assert.False(string.IsNullOrEmpty(path), "The test project records where the netstandard2.1 build of NetGen is.");
        Assert.True(File.Exists(path), $"The netstandard2.1 build of NetGen is missing: {path}");
        return path!;
    }

    [Fact]
    public void The_netstandard21_build_targets_netstandard_21()
    {
        using var file = new PEReader(File.OpenRead(AssemblyPath()));
        MetadataReader metadata = file.GetMetadataReader();
        string? framework = metadata.GetAssemblyDefinition().GetCustomAttributes()
            .Select(handle => metadata.GetCustomAttribute(handle))
            .Where(attribute => AttributeTypeName(metadata, attribute) == "System.Runtime.Versioning.TargetFrameworkAttribute")
            .Select(attribute => attribute.DecodeValue(new StringOnlyDecoder()).FixedArguments[0].Value as string)
            .SingleOrDefault();
        Assert.Equal(".NETStandard,Version=v2.1", framework);

        var references = metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToList();
        Assert.Contains("netstandard", references);
        Assert.DoesNotContain("System.Runtime", references);
        Assert.DoesNotContain("System.Runtime.Intrinsics", references);
    }

    [Fact]
    public void The_netstandard21_build_refers_to_no_type_in_System_Runtime_Intrinsics()
    {
        using var file = new PEReader(File.OpenRead(AssemblyPath()));
        MetadataReader metadata = file.GetMetadataReader();
        var intrinsics = new List<string>();
        foreach (TypeReferenceHandle handle in metadata.TypeReferences)
        {
            TypeReference type = metadata.GetTypeReference(handle);
            string ns = metadata.GetString(type.Namespace);
            if (ns.StartsWith("System.Runtime.Intrinsics", StringComparison.Ordinal) || (ns == "System.Numerics" && metadata.GetString(type.Name).StartsWith("Vector", StringComparison.Ordinal)))
            {
                intrinsics.Add($"{ns}.{metadata.GetString(type.Name)}");
            }
        }

        Assert.Empty(intrinsics);
        Assert.Contains(metadata.TypeDefinitions, handle => metadata.GetString(metadata.GetTypeDefinition(handle).Name) == "ScalarOps");
        Assert.DoesNotContain(metadata.TypeDefinitions, handle => metadata.GetString(metadata.GetTypeDefinition(handle).Name) == "Vector128Ops");
    }

    /// <summary>Safetensors is in every build, with its own JSON reader and writer: neither build refers to System.Text.Json,
    /// which .NET Standard 2.1 does not have and Unity does not ship.</summary>
    [Fact]
    public void Safetensors_is_in_the_netstandard21_build_and_no_build_refers_to_System_Text_Json()
    {
        using var file = new PEReader(File.OpenRead(AssemblyPath()));
        MetadataReader metadata = file.GetMetadataReader();
        string[] defined = [.. metadata.TypeDefinitions.Select(handle => metadata.GetString(metadata.GetTypeDefinition(handle).Name))];
        Assert.Contains("Safetensors", defined);
        Assert.Contains("SafetensorsOptions", defined);
        Assert.Contains("StrictJsonReader", defined);
        Assert.Contains("CompactJsonWriter", defined);
        Assert.DoesNotContain(metadata.TypeReferences, handle => metadata.GetString(metadata.GetTypeReference(handle).Namespace).StartsWith("System.Text.Json", StringComparison.Ordinal));
        Assert.DoesNotContain(metadata.AssemblyReferences, handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name) == "System.Text.Json");

        Assert.DoesNotContain(typeof(NetGen.Serialization.Safetensors).Assembly.GetReferencedAssemblies(), name => name.Name == "System.Text.Json");
    }

    private static string AttributeTypeName(MetadataReader metadata, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference)
        {
            return string.Empty;
        }

        EntityHandle parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference)
        {
            return string.Empty;
        }

        TypeReference type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        return $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}";
    }

    /// <summary>Decodes the string arguments of an attribute (TargetFrameworkAttribute has nothing else).</summary>
    private sealed class StringOnlyDecoder : ICustomAttributeTypeProvider<Type?>
    {
        public Type? GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode == PrimitiveTypeCode.String ? typeof(string) : null;

        public Type? GetSystemType() => typeof(Type);

        public Type? GetSZArrayType(Type? elementType) => elementType?.MakeArrayType();

        public Type? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => null;

        public Type? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => null;

        public Type? GetTypeFromSerializedName(string name) => null;

        public PrimitiveTypeCode GetUnderlyingEnumType(Type? type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(Type? type) => type == typeof(Type);
    }
}
