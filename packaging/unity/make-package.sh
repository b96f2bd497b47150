#!/usr/bin/env bash
# Lays out NetGen as a Unity package folder (UPM layout) from a Release build:
#
#   com.netgen.netgen/
#     package.json                 the package manifest
#     README.md                    what the package holds and where the documentation is
#     Runtime/NetGen.dll           the runtime's netstandard2.1 build (portable kernels, no intrinsics)
#     Runtime/System.Runtime.CompilerServices.Unsafe.dll
#                                  that build's one dependency outside the .NET Standard 2.1 profile
#     Runtime/link.xml             keeps the runtime whole under IL2CPP's managed code stripping
#     Analyzers/NetGen.Generator.dll, NetGen.Analyzers.dll
#                                  the Roslyn 4.3 builds, labelled RoslynAnalyzer and enabled on no platform
#
# with a .meta file for every file and folder, whose GUIDs are derived from the package name and
# the path, so that a rebuild gives the same GUIDs and a project's references to them survive an
# update. Usage: packaging/unity/make-package.sh [output-folder] (default artifacts/unity); set
# NETGEN_UNITY_NO_BUILD=1 to use the Release build already made.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out=${1:-"$root/artifacts/unity"}
name=com.netgen.netgen
version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props)

runtime_project=runtime/NetGen/NetGen.csproj
generator_project=generator/NetGen.Generator.Roslyn4.3/NetGen.Generator.Roslyn4.3.csproj
analyzers_project=analyzers/NetGen.Analyzers.Roslyn4.3/NetGen.Analyzers.Roslyn4.3.csproj
if [ "${NETGEN_UNITY_NO_BUILD:-0}" != 1 ]; then
  dotnet build "$runtime_project" -c Release -f netstandard2.1
  dotnet build "$generator_project" -c Release
  dotnet build "$analyzers_project" -c Release
fi
runtime_dir=runtime/NetGen/bin/Release/netstandard2.1
generator_dll=$(dirname "$generator_project")/bin/Release/netstandard2.0/NetGen.Generator.dll
analyzers_dll=$(dirname "$analyzers_project")/bin/Release/netstandard2.0/NetGen.Analyzers.dll
for file in "$runtime_dir/NetGen.dll" "$generator_dll" "$analyzers_dll"; do
  [ -f "$file" ] || { echo "missing build output: $file (build Release first)" >&2; exit 1; }
done

package="$out/$name"
rm -rf "$package"
mkdir -p "$package/Runtime" "$package/Analyzers"

# A GUID for a path of the package: the first 32 hex digits of a SHA-256 of the package name and the path.
guid() { printf '%s/%s' "$name" "$1" | sha256sum | cut -c1-32; }

folder_meta() {
  cat > "$package/$1.meta" <<META
fileFormatVersion: 2
guid: $(guid "$1")
folderAsset: yes
DefaultImporter:
  externalObjects: {}
  userData: 
  assetBundleName: 
  assetBundleVariant: 
META
}

text_meta() {
  cat > "$package/$1.meta" <<META
fileFormatVersion: 2
guid: $(guid "$1")
TextScriptImporter:
  externalObjects: {}
  userData: 
  assetBundleName: 
  assetBundleVariant: 
META
}

# A DLL's import settings. plugin_meta PATH: a managed plugin on every platform, the editor included, referenced by
# every assembly. plugin_meta PATH analyzer: a Roslyn analyzer or source generator, labelled RoslynAnalyzer and
# enabled on no platform, so that Unity's compiler loads it and no player build includes it.
plugin_meta() {
  local enabled=1 labels="" validate=1
  if [ "${2:-}" = analyzer ]; then enabled=0 labels=$'labels:\n- RoslynAnalyzer\n' validate=0; fi
  cat > "$package/$1.meta" <<META
fileFormatVersion: 2
guid: $(guid "$1")
${labels}PluginImporter:
  externalObjects: {}
  serializedVersion: 2
  iconMap: {}
  executionOrder: {}
  defineConstraints: []
  isPreloaded: 0
  isOverridable: 0
  isExplicitlyReferenced: 0
  validateReferences: $validate
  platformData:
  - first:
      Any: 
    second:
      enabled: $enabled
      settings: {}
  - first:
      Editor: Editor
    second:
      enabled: 0
      settings:
        DefaultValueInitialized: true
  userData: 
  assetBundleName: 
  assetBundleVariant: 
META
}

cat > "$package/package.json" <<JSON
{
  "name": "$name",
  "version": "$version",
  "displayName": "NetGen",
  "description": "Trainable neural networks for C#: declare a network with attributes on a partial class, and a source generator emits specialised, allocation-free code for its forward pass, backward pass and optimizer step. This package holds the netstandard2.1 runtime and the Roslyn 4.3 generator and analyzers.",
  "unity": "6000.0",
  "license": "MIT",
  "keywords": ["neural network", "machine learning", "source generator", "training"],
  "author": { "name": "NetGen contributors" }
}
JSON
text_meta package.json

cat > "$package/README.md" <<README
# NetGen $version for Unity

Runtime/NetGen.dll is NetGen's netstandard2.1 build; Analyzers/ holds the source generator and the
analyzers built against Roslyn 4.3, labelled RoslynAnalyzer. Declare a network on a partial class
in any script of the project; see docs/unity.md in NetGen's repository for what this build has and
what was verified.
README
text_meta README.md

cp "$runtime_dir/NetGen.dll" "$package/Runtime/"
[ -f "$runtime_dir/NetGen.xml" ] && cp "$runtime_dir/NetGen.xml" "$package/Runtime/" && text_meta Runtime/NetGen.xml
plugin_meta Runtime/NetGen.dll
# The netstandard2.1 build's one dependency outside the profile: System.Runtime.CompilerServices.Unsafe, from the
# NuGet package the build restored (its netstandard2.0 assembly, the one a netstandard2.1 consumer gets).
unsafe_version=$(sed -n 's:.*Include="System.Runtime.CompilerServices.Unsafe" Version="\([^"]*\)".*:\1:p' Directory.Packages.props)
packages=${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')}
unsafe_dll="${packages%/}/system.runtime.compilerservices.unsafe/$unsafe_version/lib/netstandard2.0/System.Runtime.CompilerServices.Unsafe.dll"
[ -f "$unsafe_dll" ] || { echo "missing $unsafe_dll (restore the runtime first)" >&2; exit 1; }
cp "$unsafe_dll" "$package/Runtime/"
plugin_meta Runtime/System.Runtime.CompilerServices.Unsafe.dll
cat > "$package/Runtime/link.xml" <<LINK
<linker>
  <!-- NetGen's runtime is small; keep it whole under managed code stripping. -->
  <assembly fullname="NetGen" preserve="all" />
</linker>
LINK
text_meta Runtime/link.xml
folder_meta Runtime

cp "$generator_dll" "$analyzers_dll" "$package/Analyzers/"
plugin_meta Analyzers/NetGen.Generator.dll analyzer
plugin_meta Analyzers/NetGen.Analyzers.dll analyzer
folder_meta Analyzers

echo "Unity package: $package"
(cd "$out" && find "$name" -type f | sort | sed 's/^/  /')
