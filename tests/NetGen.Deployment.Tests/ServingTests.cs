using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using NetGen.Serialization;
using Serving;
using Xunit;

namespace NetGen.Deployment.Tests;

/// <summary>The served model (samples/Serving) on a free loopback port.</summary>
public sealed class ServingTests : IAsyncLifetime, IDisposable
{
    private const string Key = "test-key-0123456789abcdef";
    private readonly string _folder = Directory.CreateTempSubdirectory("netgen-serving-").FullName;
    private readonly DigitsNet _reference = new(seed: 5);
    private WebApplication? _app;
    private HttpClient? _client;

    private HttpClient Client => _client ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        string model = Path.Combine(_folder, "digits.ngck");
        _reference.SaveFile(model);
        _app = PredictionServer.Build(new ServerOptions { ModelPath = model, ApiKey = Key, Port = 0, MaxRequestBytes = 32 * 1024, MaxRows = 8 });
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = PredictionServer.Address(_app) };
    }

    public void Dispose() => _client?.Dispose();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Predictions_equal_the_networks_own()
    {
        float[][] rows = [TestData.Uniform(64, seed: 1, 0f, 1f), TestData.Uniform(64, seed: 2, 0f, 1f)];
        (HttpStatusCode status, JsonElement body) = await Post(JsonSerializer.Serialize(new { rows }), Key);
        Assert.Equal(HttpStatusCode.OK, status);
        for (int row = 0; row < rows.Length; row++)
        {
            var expected = new float[DigitsNet.OutputSize];
            _reference.Predict(rows[row], expected);
            float[] actual = body.GetProperty("probabilities")[row].EnumerateArray().Select(value => value.GetSingle()).ToArray();
            Assert.Equal(expected, actual);
            Assert.Equal(Array.IndexOf(expected, expected.Max()), body.GetProperty("classes")[row].GetInt32());
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("test-key-0123456789abcdeF")]
    [InlineData("test-key")]
    [InlineData("test-key-0123456789abcdef-and-more")]
    public async Task A_missing_or_wrong_key_gets_401(string? key)
    {
        (HttpStatusCode status, JsonElement body) = await Post("{\"rows\":[[0]]}", key);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("API key", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"rows\":[[1,")]
    [InlineData("not json")]
    [InlineData("{\"rows\":[[\"1\"]]}")]
    [InlineData("{\"rows\":[[1e999]]}")]
    [InlineData("")]
    [InlineData("{\"rows\":[]}")]
    [InlineData("{\"rows\":[[1,2,3]]}")]
    [InlineData("{\"rows\":null}")]
    [InlineData("[1,2]")]
    public async Task Malformed_requests_get_400_with_a_message_and_no_stack_trace(string json)
    {
        (HttpStatusCode status, JsonElement body) = await Post(json, Key);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        string error = body.GetProperty("error").GetString()!;
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.Single(body.EnumerateObject());
    }

    [Fact]
    public async Task Too_many_rows_get_400_naming_the_limit()
    {
        float[][] rows = Enumerable.Range(0, 9).Select(i => new float[64]).ToArray();
        (HttpStatusCode status, JsonElement body) = await Post(JsonSerializer.Serialize(new { rows }), Key);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("at most 8 rows", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_gets_413()
    {
        (HttpStatusCode status, _) = await Post("{\"rows\":[[" + string.Join(',', Enumerable.Repeat("0.125", 8000)) + "]]}", Key);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_get_JSON_errors_and_health_needs_no_key()
    {
        using HttpResponseMessage missing = await Client.GetAsync(new Uri("/nothing", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using HttpResponseMessage wrongMethod = await Client.GetAsync(new Uri("/predict", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        using HttpResponseMessage health = await Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False(health.Headers.Contains("Server"));
        Assert.Equal("127.0.0.1", Client.BaseAddress!.Host);
    }

    [Fact]
    public void A_corrupted_model_file_stops_the_server_from_building()
    {
        string model = Path.Combine(_folder, "broken.ngck");
        File.WriteAllBytes(model, File.ReadAllBytes(Path.Combine(_folder, "digits.ngck"))[..500]);
        Assert.Throws<InvalidDataException>(() => PredictionServer.Build(new ServerOptions { ModelPath = model, ApiKey = Key, Port = 0 }));
        Assert.Throws<ArgumentException>(() => PredictionServer.Build(new ServerOptions { ModelPath = model, ApiKey = "short", Port = 0 }));
    }

    [Fact]
    public void Key_comparison_accepts_only_the_exact_key()
    {
        var check = new ApiKeyCheck(Key);
        Assert.True(check.Matches(Key));
        Assert.False(check.Matches(Key + " "));
        Assert.False(check.Matches(Key.ToUpperInvariant()));
        Assert.False(check.Matches(null));
        Assert.False(new ApiKeyCheck(string.Empty).Matches(null));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string json, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/predict", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add(ApiKeyCheck.HeaderName, key);
        }

        using HttpResponseMessage response = await Client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        using JsonDocument document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }
}
