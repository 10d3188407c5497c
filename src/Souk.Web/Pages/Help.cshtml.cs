using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Web.Infrastructure;

namespace Souk.Web.Pages;

/// <summary>The rules in plain words, written from the live <see cref="Policy"/>: change a window in configuration and
/// this page says the new number. Nobody should need a guide like the one Souk was made from.</summary>
public sealed class HelpModel(Policy policy, CancelReasonTable reasons, IStringLocalizer<SharedResource> l) : PageModel
{
    public Policy Policy => policy;
    public IReadOnlyList<(string Text, Responsibility CountsAgainst, bool RequiresComment)> Reasons { get; private set; } = [];

    public void OnGet()
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Reasons = reasons.All.Select(r => (r.TextIn(language), r.CountsAgainst, r.RequiresComment)).ToList();
    }

    /// <summary>A window as people say it: whole days from 3 days up ("20 days"), else hours ("48 hours"), else minutes.</summary>
    public string Span(TimeSpan span) =>
        span.TotalDays >= 3 && span.TotalDays == Math.Floor(span.TotalDays) ? l["{0} days", (int)span.TotalDays]
        : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? l["{0} hours", (int)span.TotalHours]
        : l["{0} minutes", (int)Math.Round(span.TotalMinutes)];
}
