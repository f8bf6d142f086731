namespace CoProduce.Grains.Common;

/// <summary>Removing an Orleans reminder by name, when there is one.</summary>
internal static class GrainReminders
{
    /// <summary>Unregisters <paramref name="grain"/>'s reminder <paramref name="name"/>; whether there was one.</summary>
    public static async Task<bool> UnregisterReminder(this Grain grain, string name)
    {
        if (await grain.GetReminder(name) is not { } reminder)
        {
            return false;
        }

        await grain.UnregisterReminder(reminder);
        return true;
    }
}
