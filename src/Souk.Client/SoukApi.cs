using System.Text.Json;
using System.Text.Json.Serialization;

namespace Souk.Client;

/// <summary>The generated client's JSON settings, completed here (the generator leaves this hook for it).</summary>
public partial class SoukApi
{
    /// <summary>
    /// Souk writes enums as their names ("AwaitingPayment"); the document lists the names without saying they are
    /// strings, so the generated enums would be read as numbers without this.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => SoukJson.Configure(settings);
}

/// <summary>The JSON settings every part of the client reads and writes Souk's bodies with.</summary>
public static class SoukJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    internal static JsonSerializerOptions Configure(JsonSerializerOptions settings)
    {
        settings.Converters.Add(new JsonStringEnumConverter());
        return settings;
    }
}
