using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Souk.Web.Tests.Webhooks;

/// <summary>What a receiver got: the headers Souk signs with and the raw body, byte for byte.</summary>
public sealed record ReceivedCall(string Query, string EventId, string EventType, string Timestamp, string Signature, int Attempt, string Body, int AnsweredWith);

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel on a free port) standing in for an integrator. It answers 200, or
/// whatever <see cref="Answer"/> says for the n-th call, and can hold calls until released (a receiver that hangs).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    /// <summary>The status to answer for the n-th call (1-based); 200 when not set.</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    /// <summary>When set, each call waits for this before answering; <see cref="Arrived"/> is signalled first.</summary>
    public TaskCompletionSource? Hold { get; set; }
    public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Url { get; private set; } = "";

    /// <summary>The calls answered 2xx, in the order they arrived.</summary>
    public IReadOnlyList<ReceivedCall> Accepted => Calls.Where(c => c.AnsweredWith is >= 200 and < 300).ToList();

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync(IPAddress? on = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(on ?? IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/souk", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address + "/hooks/souk";
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        if (Hold is { } hold)
        {
            Arrived.TrySetResult();
            await hold.Task;
        }
        var status = Answer(Interlocked.Increment(ref _calls));
        Calls.Enqueue(new ReceivedCall(request.QueryString.Value ?? "", request.Headers["Souk-Event-Id"].ToString(), request.Headers["Souk-Event-Type"].ToString(),
            request.Headers["Souk-Timestamp"].ToString(), request.Headers["Souk-Signature"].ToString(),
            int.TryParse(request.Headers["Souk-Delivery-Attempt"].ToString(), out var attempt) ? attempt : 0, body, status));
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        Hold?.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
