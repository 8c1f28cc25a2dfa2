using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Registra.Api.Auth;
using Registra.Api.Features.Ballots;
using Registra.Api.Features.Cash;
using Registra.Api.Features.Distributions;
using Registra.Api.Features.CorporateActions;
using Registra.Api.Features.Identities;
using Registra.Api.Features.Ledger;
using Registra.Api.Features.Market;
using Registra.Api.Features.Movements;
using Registra.Api.Features.Register;
using Registra.Api.Features.Securities;
using Registra.Api.Features.Splits;
using Registra.Api.Json;
using Registra.Api.Operations;
using Registra.Api.Problems;
using Registra.Ledger;
using Registra.Ledger.Access;
using Registra.Ledger.Engine;
using Registra.Ledger.Nodes;
using Registra.Reasons;

namespace Registra.Api.Hosting;

/// <summary>Builds the REST API host: services, authentication, problem details and the /v1 routes.</summary>
public static class ApiHost
{
    public static WebApplication Build(ApiOptions options, string[]? args = null, Action<WebApplicationBuilder>? configure = null) =>
        Build(WebApplication.CreateSlimBuilder(args ?? []), options, configure);

    /// <summary>Builds the API on a builder the caller created, such as one whose configuration <paramref name="options"/> were read from.</summary>
    public static WebApplication Build(WebApplicationBuilder builder, ApiOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        // Request bodies are read as JSON through a stream, not the framework's default PipeReader.
        // With the PipeReader, 2 to 3 % of requests whose body failed to bind ended with Kestrel
        // logging "Reading is already in progress" and a stack trace as it closed the connection.
        AppContext.SetSwitch("Microsoft.AspNetCore.UseStreamBasedJsonParsing", true);

        if (options.Urls is not null)
        {
            builder.WebHost.UseUrls(options.Urls);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);

        // The framework logs every request at Information; at thousands of requests per second that is the bottleneck.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // The framework's handler base logs two lines per rejected key; the request line already records the 401.
        builder.Logging.AddFilter(typeof(ApiKeyAuthenticationHandler).FullName, LogLevel.Warning);
        UseBufferedConsoleLog(builder);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        // The first node to take the writer lease writes; every other node on the same journal follows it.
        builder.Services.AddSingleton(_ => NodeLeases.Create(options));
        builder.Services.AddSingleton(services => NodeLeases.OpenEngine(options, services.GetRequiredService<IWriterLease>(),
            services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<WriterNode>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WriterNode>());
        if (options.Journal is { IsPostgres: true } journal)
        {
            builder.Services.AddHostedService(services => new PostgresAppendListener(
                journal.PostgresConnectionString!, services.GetRequiredService<LedgerEngine>(), services.GetRequiredService<ILogger<PostgresAppendListener>>()));
        }
        builder.Services.AddSingleton<CommandGateway>();
        builder.Services.AddSingleton(services => new ApiKeyCache(
            new ApiKeyRegistry(KeyStore.Open(options.Journal ?? JournalLocation.InDataFolder(options.DataDirectory)), services.GetRequiredService<TimeProvider>()),
            services.GetRequiredService<TimeProvider>()));
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();

        // Binding failures (malformed JSON, wrong types, unknown fields) reach the exception handler, which names the field.
        builder.Services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddApiDocs();
        builder.AddBearerTokens(options);
        builder.AddOperations(options);

        // Registered after the engine's shutdown service, so it stops reading the journal before the engine closes it.
        builder.Services.AddSingleton<OrderHistory>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OrderHistory>());
        builder.Services.AddHostedService<HoldExpirySweep>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseOperationsEdge();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteUnhandledProblem,

            // An unreadable body is the client's error and gets a 400 problem. Logged as an unhandled
            // server error, with its stack trace, it would let any client fill the log.
            SuppressDiagnosticsCallback = handled => handled.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages(WriteStatusProblem);
        app.UseRequestBodyLimit(options.MaxRequestBodyBytes);
        app.UseAuthentication();
        app.UseOperationsRateLimits();
        app.UseAuthorization();
        app.UseOperationsWrites();

        var v1 = app.MapGroup("/v1").RequireAuthorization();
        v1.MapSecurities();
        v1.MapIdentities();
        v1.MapMovements();
        v1.MapQueuedTransfers();
        v1.MapRegister();
        v1.MapBallots();
        v1.MapSplits();
        v1.MapLedger();
        v1.MapCoupons();
        v1.MapWaterfalls();
        v1.MapMarket();
        v1.MapApiKeys();
        v1.MapCash();
        v1.MapDistributions();
        app.MapGet("/v1/problems/{code}", ProblemTypes.Describe).AllowAnonymous();
        app.MapApiDocs();
        app.MapOperations();

        // Resolving the engine now opens the journal and replays it before the first request.
        app.Services.GetRequiredService<LedgerEngine>();
        return app;
    }

    /// <summary>
    /// Writes the problem for an empty error response. The framework returns a bare 413 for a body
    /// over the size limit, so that status gets the API's problem with its code and the limit, and
    /// so do the bare 401, 403, 404, 405 and 415 of authentication, routing and body binding.
    /// </summary>
    private static async Task WriteStatusProblem(StatusCodeContext status)
    {
        var context = status.HttpContext;
        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ApiProblems.TooLarge(context.RequestServices.GetRequiredService<ApiOptions>().MaxRequestBodyBytes).ExecuteAsync(context);
            return;
        }

        if (StatusProblems.For(context) is { } problem)
        {
            await problem.ExecuteAsync(context);
            return;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context });
    }

    /// <summary>Answers malformed request bodies with 400 problem details and anything else with 500, without internals.</summary>
    private static async Task WriteUnhandledProblem(HttpContext context)
    {
        var handler = context.Features.Get<IExceptionHandlerFeature>();
        var error = handler?.Error;
        var badRequest = error is BadHttpRequestException;
        if (!badRequest)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Registra.Api")
                .LogError(error, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }

        IResult result;
        if (error is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            result = ApiProblems.TooLarge(context.RequestServices.GetRequiredService<ApiOptions>().MaxRequestBodyBytes);
        }
        else if (badRequest)
        {
            var bodyType = handler?.Endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
            var described = RequestErrors.Describe(error!, bodyType);
            result = ApiProblems.Rejected([new Failure(Reasons.Reasons.InvalidArgument, "request", null, described.Value, described.Detail)
            {
                Subject = described.Field,
            }]);
        }
        else
        {
            result = Results.Problem(statusCode: 500, title: "Internal error", detail: "The request failed on the server; retry with the same Idempotency-Key.");
        }

        context.Response.StatusCode = badRequest ? ((BadHttpRequestException)error!).StatusCode : 500;
        await result.ExecuteAsync(context);
    }

    /// <summary>Replaces the framework's console log provider with <see cref="BufferedConsoleLoggerProvider"/>, keeping its formatters and options.</summary>
    private static void UseBufferedConsoleLog(WebApplicationBuilder builder)
    {
        var console = builder.Services.Where(service => service.ServiceType == typeof(ILoggerProvider)
            && service.ImplementationType == typeof(ConsoleLoggerProvider)).ToList();
        if (console.Count == 0)
        {
            return;
        }

        foreach (var service in console)
        {
            builder.Services.Remove(service);
        }

        builder.Services.AddSingleton<ILoggerProvider, BufferedConsoleLoggerProvider>();

        // The slim builder's console set-up overrides the configured formatter name, so the configured name is applied again.
        var configuration = builder.Configuration;
        builder.Services.PostConfigure<ConsoleLoggerOptions>(options =>
        {
            if (configuration["Logging:Console:FormatterName"] is { Length: > 0 } name)
            {
                options.FormatterName = name;
            }
        });
    }
}
