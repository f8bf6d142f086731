namespace CoProduce.OrleansStorage.Tests.Hosting;

public static class Eventually
{
    /// <summary>Polls <paramref name="read"/> until it satisfies <paramref name="done"/>; fails with the last value at the deadline.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan deadline, string what)
    {
        var giveUp = DateTime.UtcNow + deadline;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException($"{what}: not reached within {deadline}; last value {value}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
