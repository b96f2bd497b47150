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

    private string Model => Path.Combine(_folder, "digits.ngck");

    public async Task InitializeAsync()
    {
        _reference.SaveFile(Model);
        _app = PredictionServer.Build(Options());
        await _app.StartAsync();
        _client = ServingClient.Create(PredictionServer.Address(_app), PredictionServer.Certificate(_app));
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

    [Fact]
    public async Task A_row_of_huge_finite_values_gets_400_naming_the_value_not_500()
    {
        string row = string.Join(',', Enumerable.Repeat("1e38", 64));
        (HttpStatusCode status, JsonElement body) = await Post("{\"rows\":[[" + row + "]]}", Key);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Row 0, value 0 is 1E+38", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        (status, body) = await Post("{\"rows\":[[" + string.Join(',', Enumerable.Repeat("-0.5", 64)) + "]]}", Key);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("from 0 to 1", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_100_KB_key_header_gets_431_with_a_JSON_message()
    {
        (HttpStatusCode status, JsonElement body) = await Post("{\"rows\":[[0]]}", new string('k', 100 * 1024));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, status);
        Assert.Contains("at most 32768", body.GetProperty("error").GetString(), StringComparison.Ordinal);

        // A client that would rather speak HTTP/2 gets HTTP/1.1, where the same JSON answer holds.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative)) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        request.Headers.Add(ApiKeyCheck.HeaderName, new string('k', 100 * 1024));
        using HttpResponseMessage response = await Client.SendAsync(request);
        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.StartsWith("{\"error\":", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A key byte that is not UTF-8 (0xFF) got Kestrel's empty 400; any byte outside ASCII in the key now gets JSON, and other headers may hold any byte.</summary>
    [Theory]
    [InlineData("latin1")]
    [InlineData("utf-8")]
    public async Task A_key_byte_outside_ASCII_gets_400_with_a_JSON_message(string encoding)
    {
        using var handler = ServingClient.Handler(PredictionServer.Certificate(_app!));
        handler.RequestHeaderEncodingSelector = (_, _) => Encoding.GetEncoding(encoding);
        using var client = new HttpClient(handler) { BaseAddress = Client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/predict", UriKind.Relative)) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(ApiKeyCheck.HeaderName, "cl\u00ff-0123456789abcdef");
        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("outside printable ASCII", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);

        using var health = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
        health.Headers.TryAddWithoutValidation("User-Agent", "caf\u00e9 \u00ff");
        using HttpResponseMessage healthy = await client.SendAsync(health);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task Requests_beyond_the_per_client_limit_get_429_with_Retry_After_and_a_JSON_message()
    {
        await using RunningServer server = await RunningServer.Start(Options() with { RequestsPerSecondPerClient = 5 });
        HttpStatusCode[] statuses = new HttpStatusCode[30];
        HttpResponseMessage? limited = null;
        for (int i = 0; i < statuses.Length; i++)
        {
            HttpResponseMessage response = await server.Client.GetAsync(new Uri("/health", UriKind.Relative));
            statuses[i] = response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests && limited is null)
            {
                limited = response;
                continue;
            }

            response.Dispose();
        }

        Assert.All(statuses[..5], status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            using JsonDocument body = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
            Assert.Contains("Too many requests", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Requests_beyond_the_per_key_limit_get_429_while_wrong_keys_still_get_401()
    {
        await using RunningServer server = await RunningServer.Start(Options() with { RequestsPerSecondPerKey = 3 });
        var statuses = new HttpStatusCode[10];
        for (int i = 0; i < statuses.Length; i++)
        {
            statuses[i] = (await Post(server.Client, OneRow, Key)).Status;
        }

        Assert.All(statuses[..3], status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(server.Client, OneRow, "wrong-key-0123456789")).Status);
    }

    [Fact]
    public async Task After_its_failed_keys_a_client_gets_429_even_with_the_right_key()
    {
        await using RunningServer server = await RunningServer.Start(Options() with { FailedKeysPerMinutePerClient = 3 });
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Post(server.Client, OneRow, "guess-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Status);
        }

        (HttpStatusCode status, JsonElement body) = await Post(server.Client, OneRow, "guess-3");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Contains("wrong API key", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Post(server.Client, OneRow, Key)).Status);
    }

    [Fact]
    public async Task Only_HTTPS_is_served_and_a_client_that_does_not_pin_the_self_signed_certificate_refuses_it()
    {
        Uri address = PredictionServer.Address(_app!);
        Assert.Equal("https", address.Scheme);
        using var plain = new HttpClient();
        HttpStatusCode? plainStatus = null;
        try
        {
            using HttpResponseMessage response = await plain.GetAsync(new UriBuilder(address) { Scheme = "http" }.Uri);
            plainStatus = response.StatusCode;
        }
        catch (HttpRequestException)
        {
        }

        Assert.NotEqual(HttpStatusCode.OK, plainStatus);
        using var unpinned = new HttpClient { BaseAddress = address };
        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(() => unpinned.GetAsync(new Uri("/health", UriKind.Relative)));
        Assert.IsType<System.Security.Authentication.AuthenticationException>(error.InnerException);
    }

    [Theory]
    [InlineData("pfx")]
    [InlineData("pem")]
    public async Task A_certificate_file_is_served(string format)
    {
        using System.Security.Cryptography.X509Certificates.X509Certificate2 certificate = Certificates.SelfSignedForLoopback();
        string path = Path.Combine(_folder, "server." + format);
        ServerOptions options = Options() with { CertificatePath = path, CertificatePassword = "test-password" };
        if (format == "pfx")
        {
            File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "test-password"));
        }
        else
        {
            File.WriteAllText(path, certificate.ExportCertificatePem());
            File.WriteAllText(path + ".key", System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPrivateKey(certificate)!.ExportPkcs8PrivateKeyPem());
            options = options with { CertificateKeyPath = path + ".key", CertificatePassword = null };
        }

        await using RunningServer server = await RunningServer.Start(options);
        Assert.Equal(certificate.Thumbprint, PredictionServer.Certificate(server.App).Thumbprint);
        using HttpClient pinned = ServingClient.Create(PredictionServer.Address(server.App), certificate);
        using HttpResponseMessage health = await pinned.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static string OneRow => "{\"rows\":[[" + string.Join(',', Enumerable.Repeat("0.5", 64)) + "]]}";

    private ServerOptions Options() => new() { ModelPath = Model, ApiKey = Key, Port = 0, MaxRequestBytes = 32 * 1024, MaxRows = 8 };

    private Task<(HttpStatusCode Status, JsonElement Body)> Post(string json, string? key) => Post(Client, json, key);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Post(HttpClient client, string json, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/predict", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add(ApiKeyCheck.HeaderName, key);
        }

        using HttpResponseMessage response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        using JsonDocument document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>A started server of its own options, with a client that pins its certificate.</summary>
    private sealed class RunningServer : IAsyncDisposable
    {
        private RunningServer(WebApplication app)
        {
            App = app;
            Client = ServingClient.Create(PredictionServer.Address(app), PredictionServer.Certificate(app));
        }

        public WebApplication App { get; }

        public HttpClient Client { get; }

        public static async Task<RunningServer> Start(ServerOptions options)
        {
            WebApplication app = PredictionServer.Build(options);
            await app.StartAsync();
            return new RunningServer(app);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
