using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Souk.Data;

/// <summary>Stores an instant as UTC ticks (a long): comparable, sortable and indexable on SQLite and PostgreSQL.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
