using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Domain;
using Souk.Domain.Orders;

namespace Souk.Web.Features.Help;

/// <summary>The live rules: the policy as configured and the cancellation reasons, for clients and the Help page.</summary>
public static class Rules
{
    public sealed record PolicyView(IReadOnlyDictionary<string, string> Windows, IReadOnlyDictionary<string, int> Limits);
    public sealed record ReasonView(string Code, Responsibility CountsAgainst, bool RequiresComment, IReadOnlyDictionary<string, string> Texts);

    public static void Map(RouteGroupBuilder api)
    {
        var help = api.MapGroup("").WithTags("Help").AllowAnonymous();
        help.MapGet("/policy", GetPolicy).WithName("get-policy").WithSummary("Every time window and limit of the order rules, as configured");
        help.MapGet("/cancellation-reasons", GetReasons).WithName("get-cancellation-reasons")
            .WithSummary("The reasons a buyer can give when cancelling, and who each counts against");
    }

    private static Ok<PolicyView> GetPolicy(Policy policy) => TypedResults.Ok(new PolicyView(
        policy.Windows().ToDictionary(w => w.Name, w => w.Value.ToString("c")),
        new Dictionary<string, int>
        {
            [nameof(Policy.MaxUnpaidOrders)] = policy.MaxUnpaidOrders,
            [nameof(Policy.UnpaidExpiryBlockThreshold)] = policy.UnpaidExpiryBlockThreshold,
            [nameof(Policy.CreatingCallsPerMinute)] = policy.CreatingCallsPerMinute,
        }));

    private static Ok<IReadOnlyList<ReasonView>> GetReasons(CancelReasonTable reasons) =>
        TypedResults.Ok<IReadOnlyList<ReasonView>>(reasons.All.Select(r => new ReasonView(r.Code, r.CountsAgainst, r.RequiresComment, r.Texts)).ToList());
}
