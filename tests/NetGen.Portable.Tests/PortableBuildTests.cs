using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using Xunit;

namespace NetGen.Tests;

/// <summary>What this project's other tests run on: the runtime's netstandard2.1 build, and generated networks with the
/// portable code only. Without these, a build that resolved the .NET runtime or emitted the vector kernels would pass
/// every numerical test here while testing the wrong code.</summary>
public class PortableBuildTests
{
    [Fact]
    public void The_runtime_is_the_netstandard21_build()
    {
        string? framework = typeof(INetwork).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
        Assert.Equal(".NETStandard,Version=v2.1", framework);
    }

    [Fact]
    public void Generated_networks_have_no_vector_kernels()
    {
        Type[] networks = typeof(SmokeNet).Assembly.GetTypes().Where(type => typeof(INetwork).IsAssignableFrom(type) && !type.IsInterface).ToArray();
        Assert.True(networks.Length > 100, $"only {networks.Length} generated networks found");
        string[] vectorMembers = networks
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)
                .Where(method => method.Name.Contains("Vector", StringComparison.Ordinal)
                    || method.GetParameters().Any(parameter => parameter.ParameterType.Namespace == "System.Runtime.Intrinsics"))
                .Select(method => $"{type.Name}.{method.Name}"))
            .ToArray();
        Assert.Empty(vectorMembers);
    }
}
