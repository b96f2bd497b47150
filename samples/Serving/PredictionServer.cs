using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serving;

/// <summary>
/// The prediction service: <c>POST /predict</c> (API key required) and <c>GET /health</c>, on
/// 127.0.0.1 only. Bad requests get 400 with a short JSON message, a missing or wrong key 401,
/// an oversized body 413; unexpected failures get 500 with no details, never a stack trace.
/// </summary>
public static class PredictionServer
{
    /// <summary>Builds the application (not started) for <paramref name="options"/>.</summary>
    public static WebApplication Build(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var pool = new NetworkPool(options.ModelPath);
        var keyCheck = new ApiKeyCheck(options.ApiKey);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
        });
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServingJsonContext.Default));

        WebApplication app = builder.Build();
        app.UseExceptionHandler(failure => failure.Run(context => Answer(context, StatusCodes.Status500InternalServerError, "The server failed to answer this request.")));
        app.UseStatusCodePages(context => context.HttpContext.Response.HasStarted
            ? Task.CompletedTask
            : Answer(context.HttpContext, context.HttpContext.Response.StatusCode, $"HTTP {context.HttpContext.Response.StatusCode}."));

        app.MapGet("/health", () => Results.Json(new HealthResponse("ok", DigitsNet.Architecture.ToString()), ServingJsonContext.Default.HealthResponse));
        app.MapPost("/predict", (HttpContext context) => Predict(context, pool, keyCheck, options.MaxRows));
        return app;
    }

    /// <summary>The address the started <paramref name="app"/> listens on, such as <c>http://127.0.0.1:5080</c>.</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address);
    }

    private static async Task Predict(HttpContext context, NetworkPool pool, ApiKeyCheck keyCheck, int maxRows)
    {
        if (!keyCheck.Matches(context.Request.Headers[ApiKeyCheck.HeaderName].FirstOrDefault()))
        {
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

        string? problem = Check(request, maxRows);
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

        await context.Response.WriteAsJsonAsync(new PredictResponse(classes, probabilities), ServingJsonContext.Default.PredictResponse, cancellationToken: context.RequestAborted);
    }

    private static string? Check(PredictRequest? request, int maxRows)
    {
        if (request?.Rows is not { Length: > 0 } rows)
        {
            return "The body needs \"rows\": an array of 1 or more rows.";
        }

        if (rows.Length > maxRows)
        {
            return $"A request may hold at most {maxRows} rows; this one has {rows.Length}.";
        }

        for (int row = 0; row < rows.Length; row++)
        {
            if (rows[row] is null || rows[row].Length != DigitsNet.InputSize)
            {
                return $"Row {row} has {rows[row]?.Length ?? 0} values; every row needs {DigitsNet.InputSize}.";
            }

            if (rows[row].Any(value => !float.IsFinite(value)))
            {
                return $"Row {row} holds a value that is not a finite number.";
            }
        }

        return null;
    }

    private static Task Answer(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorResponse(message), ServingJsonContext.Default.ErrorResponse);
    }
}
