namespace CoProduce.Grains.Common;

/// <summary>
/// A change a supporter proposed while acting with a person (to their payments, consents, recognition or diversity
/// data). It changes nothing until the person, signed in as themselves, confirms it, and it names the supporter.
/// </summary>
public interface IPendingChange
{
    /// <summary>The change's id, for confirming or rejecting it.</summary>
    Guid Id { get; }

    /// <summary>The supporter who proposed it.</summary>
    Guid ProposedBy { get; }
}
