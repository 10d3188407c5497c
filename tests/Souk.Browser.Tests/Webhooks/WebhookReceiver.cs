using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Souk.Browser.Tests.Webhooks;

/// <summary>What the receiver got: the signing headers and the raw body, byte for byte, and what it answered.</summary>
public sealed record ReceivedCall(string EventType, string Timestamp, string Signature, string Body, int AnsweredWith);

/// <summary>An integrator's endpoint: a real HTTP server (Kestrel on a free 127.0.0.1 port) that answers
/// <see cref="Status"/> to every call and records each one.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();
    public int Status { get; set; } = 200;
    public string Url { get; private set; } = "";

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/souk", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = receiver.Status;
            receiver.Calls.Enqueue(new ReceivedCall(request.Headers["Souk-Event-Type"].ToString(), request.Headers["Souk-Timestamp"].ToString(),
                request.Headers["Souk-Signature"].ToString(), body, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks/souk";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
