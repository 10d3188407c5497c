using System.Globalization;

namespace Souk.Web.Infrastructure;

/// <summary>
/// Shortening text Souk shows or keeps about something else (a webhook target's answer, an unknown value echoed in a
/// refusal, a payment label) — never a client's input, which is refused when too long, not cut. A cut falls between
/// whole characters (text elements), never inside one: half an emoji is not text.
/// </summary>
public static class TextShortening
{
    /// <summary><paramref name="text"/> itself when it fits <paramref name="max"/> UTF-16 units; otherwise its longest
    /// start of whole characters that fits with an ellipsis after it.</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var next = elements.ElementIndex + elements.GetTextElement().Length;
            if (next > max - 1) break;
            end = next;
        }
        return text[..end] + "…";
    }
}
