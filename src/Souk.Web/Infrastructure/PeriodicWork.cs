namespace Souk.Web.Infrastructure;

/// <summary>
/// The loop behind Souk's background services (the deadline sweeper, the webhook dispatcher): one pass now, then one
/// every interval on Souk's clock. A failed pass is logged and retried on the next tick, never swallowed into
/// "nothing was due"; stopping the host ends the loop.
/// </summary>
public static class PeriodicWork
{
    public static async Task RunAsync(TimeSpan interval, TimeProvider clock, Func<CancellationToken, Task> pass, ILogger log, string what,
        CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await pass(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "{What} failed; retrying in {Interval}", what, interval);
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    /// <summary>
    /// False once stopping: the loop then ends as a completed task, not a cancelled one, so stopping this one service
    /// (not the whole host) is not reported as its failure, which would stop the host.
    /// </summary>
    private static async ValueTask<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
