namespace Souk.Domain;

/// <summary>Whether a refusal is about the order's rules (409) or about the input itself (400).</summary>
public enum ViolationKind
{
    /// <summary>The action is not allowed now; the answer says which rule and, where known, when it will be.</summary>
    Refused,

    /// <summary>The input is not acceptable (a field out of range, a missing comment).</summary>
    Invalid,
}

/// <summary>
/// The one way the domain says no: a stable code with its arguments, and when the action becomes possible.
/// The domain never writes sentences; the web layer renders code + arguments in the viewer's language.
/// </summary>
public sealed record RuleViolation(
    string Code,
    IReadOnlyDictionary<string, object?> Arguments,
    DateTimeOffset? PossibleFrom = null,
    ViolationKind Kind = ViolationKind.Refused,
    string? Field = null)
{
    public static RuleViolation Refused(string code, DateTimeOffset? possibleFrom = null, params (string Key, object? Value)[] args) =>
        new(code, args.ToDictionary(a => a.Key, a => a.Value), possibleFrom);

    public static RuleViolation Invalid(string code, string field, params (string Key, object? Value)[] args) =>
        new(code, args.ToDictionary(a => a.Key, a => a.Value), null, ViolationKind.Invalid, field);

    public RuleViolationException ToException() => new(this);
}

public sealed class RuleViolationException(RuleViolation violation) : Exception(violation.Code)
{
    public RuleViolation Violation { get; } = violation;
}
