using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Serving;

/// <summary>
/// The prediction service: <c>POST /predict</c> (API key required) and <c>GET /health</c>, over
/// HTTPS on 127.0.0.1 only, rate-limited per client and per key. Every error is a short JSON
/// message: bad requests get 400, a missing or wrong key 401, an oversized body 413, oversized
/// headers 431, rows the model cannot score 422, too many requests 429 (with <c>Retry-After</c>);
/// unexpected failures get 500 with no details, never a stack trace.
/// </summary>
public static class PredictionServer
{
    // Kestrel answers requests beyond its own limits itself, with an empty body. Its limits are set
    // far above the server's, which the application checks and answers with JSON.
    private const int KestrelHeaderBytes = 1 << 20;
    private const int KestrelHeaderCount = 1000;
    private const int KestrelRequestLineBytes = 64 * 1024;
    private const int MaxHeaderCount = 100;
    private const int MaxTargetLength = 8 * 1024;

    /// <summary>Builds the application (not started) for <paramref name="options"/>.</summary>
    public static WebApplication Build(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var pool = new NetworkPool(options.ModelPath);
        var keyCheck = new ApiKeyCheck(options.ApiKey);
        X509Certificate2 certificate = Certificates.Load(options);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // HTTP/1.1 only: HTTP/2 has limits and errors of its own (stream resets) that bypass the application.
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1;
                listen.UseHttps(certificate);
            });
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(KestrelHeaderBytes, options.MaxHeaderBytes);
            kestrel.Limits.MaxRequestHeaderCount = KestrelHeaderCount;
            kestrel.Limits.MaxRequestLineSize = KestrelRequestLineBytes;

            // Every header byte reaches the application as one character, instead of Kestrel's empty 400
            // for bytes that are not UTF-8; the application refuses a key that is not ASCII with JSON.
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
        });
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServingJsonContext.Default));
        builder.Services.AddSingleton(_ => new RateLimits(options, keyCheck));
        builder.Services.AddSingleton(new ServerCertificate(certificate));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => new ValueTask(TooManyRequests(rejected.HttpContext, RateLimits.RetryAfterSeconds(rejected.Lease), "Too many requests from this client or with this key; slow down."));
        });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<RateLimits>((limiter, limits) => limiter.GlobalLimiter = limits.Requests);

        WebApplication app = builder.Build();
        app.UseExceptionHandler(failure => failure.Run(context => Answer(context, StatusCodes.Status500InternalServerError, "The server failed to answer this request.")));
        app.UseStatusCodePages(context => context.HttpContext.Response.HasStarted
            ? Task.CompletedTask
            : Answer(context.HttpContext, context.HttpContext.Response.StatusCode, $"HTTP {context.HttpContext.Response.StatusCode}."));
        app.UseRateLimiter();
        app.Use((context, next) => CheckShape(context, options) is (int status, string problem) ? Answer(context, status, problem) : next(context));

        RateLimits limits = app.Services.GetRequiredService<RateLimits>();
        app.MapGet("/health", () => Results.Json(new HealthResponse("ok", DigitsNet.Architecture.ToString()), ServingJsonContext.Default.HealthResponse));
        app.MapPost("/predict", (HttpContext context) => Predict(context, pool, keyCheck, limits, options));
        return app;
    }

    /// <summary>The address the started <paramref name="app"/> listens on, such as <c>https://127.0.0.1:5080</c>.</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address);
    }

    /// <summary>The TLS certificate <paramref name="app"/> presents (with its private key: give clients its public part only).</summary>
    public static X509Certificate2 Certificate(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<ServerCertificate>().Certificate;
    }

    /// <summary>Why a request is refused before it is handled (oversized headers, a key that is not ASCII, an overlong target), or null.</summary>
    private static (int Status, string Problem)? CheckShape(HttpContext context, ServerOptions options)
    {
        if ((context.Request.Path.Value?.Length ?? 0) + context.Request.QueryString.Value?.Length > MaxTargetLength)
        {
            return (StatusCodes.Status414UriTooLong, $"The request target is longer than {MaxTargetLength} characters.");
        }

        IHeaderDictionary headers = context.Request.Headers;
        if (headers.Count > MaxHeaderCount)
        {
            return (StatusCodes.Status431RequestHeaderFieldsTooLarge, $"The request has {headers.Count} headers; at most {MaxHeaderCount} are accepted.");
        }

        long bytes = 0;
        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in headers)
        {
            foreach (string? value in values)
            {
                bytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (headers[ApiKeyCheck.HeaderName].Any(value => value is not null && !ApiKeyCheck.IsPrintableAscii(value)))
        {
            return (StatusCodes.Status400BadRequest, $"The {ApiKeyCheck.HeaderName} header holds a byte outside printable ASCII; API keys are printable ASCII.");
        }

        return bytes > options.MaxHeaderBytes
            ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, string.Create(CultureInfo.InvariantCulture, $"The request headers take {bytes} bytes; at most {options.MaxHeaderBytes} are accepted."))
            : null;
    }

    private static async Task Predict(HttpContext context, NetworkPool pool, ApiKeyCheck keyCheck, RateLimits limits, ServerOptions options)
    {
        if (limits.Blocked(context))
        {
            await TooManyRequests(context, 60, "Too many requests with a missing or wrong API key from this client; wait for the minute to pass.");
            return;
        }

        if (!keyCheck.MatchesRequest(context))
        {
            if (limits.RecordFailedKey(context) is int wait)
            {
                await TooManyRequests(context, wait, "Too many requests with a missing or wrong API key from this client; wait for the minute to pass.");
                return;
            }

            await Answer(context, StatusCodes.Status401Unauthorized, $"A valid API key is required in the {ApiKeyCheck.HeaderName} header.");
            return;
        }

        PredictRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, ServingJsonContext.Default.PredictRequest, context.RequestAborted);
        }
        catch (JsonException)
        {
            await Answer(context, StatusCodes.Status400BadRequest, "The body is not valid JSON: expected an object with rows, an array of arrays of numbers.");
            return;
        }
        catch (BadHttpRequestException e)
        {
            await Answer(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.");
            return;
        }

        string? problem = Check(request, options);
        if (problem is not null)
        {
            await Answer(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        float[][] rows = request!.Rows!;
        var classes = new int[rows.Length];
        var probabilities = new float[rows.Length][];
        DigitsNet network = pool.Rent();
        try
        {
            for (int row = 0; row < rows.Length; row++)
            {
                probabilities[row] = new float[DigitsNet.OutputSize];
                network.Predict(rows[row], probabilities[row]);
                classes[row] = Array.IndexOf(probabilities[row], probabilities[row].Max());
            }
        }
        finally
        {
            pool.Return(network);
        }

        // In-range inputs give finite outputs with any finite weights of this size, but a response that
        // JSON cannot carry must never become a 500.
        int unscorable = Array.FindIndex(probabilities, values => values.Any(value => !float.IsFinite(value)));
        if (unscorable >= 0)
        {
            await Answer(context, StatusCodes.Status422UnprocessableEntity, $"Row {unscorable} gives an output that is not a finite number; the model cannot score it.");
            return;
        }

        await context.Response.WriteAsJsonAsync(new PredictResponse(classes, probabilities), ServingJsonContext.Default.PredictResponse, cancellationToken: context.RequestAborted);
    }

    private static string? Check(PredictRequest? request, ServerOptions options)
    {
        if (request?.Rows is not { Length: > 0 } rows)
        {
            return "The body needs \"rows\": an array of 1 or more rows.";
        }

        if (rows.Length > options.MaxRows)
        {
            return $"A request may hold at most {options.MaxRows} rows; this one has {rows.Length}.";
        }

        for (int row = 0; row < rows.Length; row++)
        {
            if (rows[row] is null || rows[row].Length != DigitsNet.InputSize)
            {
                return $"Row {row} has {rows[row]?.Length ?? 0} values; every row needs {DigitsNet.InputSize}.";
            }

            int bad = Array.FindIndex(rows[row], value => !(value >= options.InputMinimum && value <= options.InputMaximum));
            if (bad >= 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"Row {row}, value {bad} is {rows[row][bad]}; values must be numbers from {options.InputMinimum} to {options.InputMaximum} (pixel counts divided by 16).");
            }
        }

        return null;
    }

    private static Task TooManyRequests(HttpContext context, int retryAfterSeconds, string message)
    {
        context.Response.Headers[HeaderNames.RetryAfter] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Answer(context, StatusCodes.Status429TooManyRequests, message);
    }

    private static Task Answer(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorResponse(message), ServingJsonContext.Default.ErrorResponse);
    }

    /// <summary>The certificate the server presents, for <see cref="Certificate"/>.</summary>
    private sealed record ServerCertificate(X509Certificate2 Certificate);
}
