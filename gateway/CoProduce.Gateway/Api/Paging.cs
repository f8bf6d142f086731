using CoProduce.Grains.Common;

namespace CoProduce.Gateway.Api;

/// <summary>One page of a list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Offset, int Limit, int Total);

/// <summary>Offset and limit from the query string, checked (limit 1-200, default 50).</summary>
public readonly record struct PageRequest(int Offset, int Limit)
{
    public const int MaxLimit = 200;

    public static PageRequest From(int? offset, int? limit)
    {
        var o = offset ?? 0;
        var l = limit ?? 50;
        if (o < 0)
        {
            throw DomainException.Invalid("offset", "offset must be 0 or more.");
        }

        return l is < 1 or > MaxLimit
            ? throw DomainException.Invalid("limit", $"limit must be between 1 and {MaxLimit}.")
            : new PageRequest(o, l);
    }

    public Page<T> Apply<T>(IReadOnlyList<T> all) => new([.. all.Skip(Offset).Take(Limit)], Offset, Limit, all.Count);
}
