using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Data;

/// <summary>Single-row settings shared by every Souk process (the development clock offset).</summary>
public sealed class SharedSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

public sealed class SharedSettingConfiguration : IEntityTypeConfiguration<SharedSetting>
{
    public void Configure(EntityTypeBuilder<SharedSetting> s)
    {
        s.HasKey(x => x.Key);
        s.Property(x => x.Key).HasMaxLength(100);
        s.Property(x => x.Value).HasMaxLength(1000);
    }
}
