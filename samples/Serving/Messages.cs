using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serving;

/// <summary>A prediction request: one to <see cref="ServerOptions.MaxRows"/> rows of the network's inputs.</summary>
public sealed record PredictRequest(float[][]? Rows);

/// <summary>The answer: for each row, the most likely class and every class probability.</summary>
public sealed record PredictResponse(int[] Classes, float[][] Probabilities);

/// <summary>What every error answer holds: a message for the caller, never internals.</summary>
public sealed record ErrorResponse(string Error);

/// <summary>The answer of the health endpoint.</summary>
public sealed record HealthResponse(string Status, string Model);

/// <summary>Source-generated JSON (no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(PredictRequest))]
[JsonSerializable(typeof(PredictResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(HealthResponse))]
public sealed partial class ServingJsonContext : JsonSerializerContext
{
}
