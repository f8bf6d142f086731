namespace CoProduce.Grains.Decisions.Counting;

/// <summary>
/// Consent: a proposal passes when nobody blocks and more people agree than disagree. Abstentions are
/// counted (they take part and count to the quorum) but weigh neither way; an equal number agreeing and
/// disagreeing does not pass, because consent needs more support than objection. A single block stops
/// the proposal whatever the numbers: that is what a block is for.
/// </summary>
internal static class ConsentCount
{
    public static Count Tally(IEnumerable<Ballot> ballots)
    {
        int agree = 0, abstain = 0, disagree = 0, block = 0;
        foreach (var ballot in ballots)
        {
            switch (ballot.Position)
            {
                case ConsentPosition.Agree: agree++; break;
                case ConsentPosition.Abstain: abstain++; break;
                case ConsentPosition.Disagree: disagree++; break;
                case ConsentPosition.Block: block++; break;
            }
        }

        return new Count([], [], [], new ConsentTally(agree, abstain, disagree, block, Passes: block == 0 && agree > disagree));
    }
}
