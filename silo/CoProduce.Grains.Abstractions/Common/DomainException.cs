namespace CoProduce.Grains.Common;

/// <summary>What kind of refusal a <see cref="DomainException"/> is; the gateway maps each to a 4xx status.</summary>
[GenerateSerializer, Alias("coproduce.common.DomainErrorKind")]
public enum DomainErrorKind
{
    /// <summary>The thing does not exist, or the caller may not know it exists (404).</summary>
    NotFound,

    /// <summary>The caller can see it but lacks the role to do this (403).</summary>
    Forbidden,

    /// <summary>The request is well-formed but breaks a rule of the current state (409).</summary>
    Conflict,

    /// <summary>The caller's copy is out of date (If-Match did not match) (412).</summary>
    PreconditionFailed,

    /// <summary>The request's content is invalid; <see cref="DomainException.Errors"/> says which fields (400).</summary>
    Invalid,
}

/// <summary>
/// A refusal by the domain: nothing was changed. It crosses grain boundaries as itself: the message travels with
/// the base exception, <see cref="Kind"/> and <see cref="Errors"/> under their own ids.
/// </summary>
[GenerateSerializer, Alias("coproduce.common.DomainException")]
public sealed class DomainException(DomainErrorKind kind, string message, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(message)
{
    [Id(0)]
    public DomainErrorKind Kind { get; } = kind;

    [Id(1)]
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    public static DomainException NotFound(string what) => new(DomainErrorKind.NotFound, $"{what} was not found.");

    public static DomainException Forbidden(string message) => new(DomainErrorKind.Forbidden, message);

    public static DomainException Conflict(string message) => new(DomainErrorKind.Conflict, message);

    public static DomainException Stale(long current) =>
        new(DomainErrorKind.PreconditionFailed, $"Someone else changed this first (it is now at version {current}); reload and try again.");

    public static DomainException Invalid(string field, string message) =>
        new(DomainErrorKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });
}
