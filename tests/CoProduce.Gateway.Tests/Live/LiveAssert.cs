using CoProduce.Client.Live;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Tests.Live;

public static class LiveAssert
{
    /// <summary>The call fails with a hub error of <paramref name="kind"/>; returns its reason.</summary>
    public static async Task<string> Refused(string kind, Func<Task> call)
    {
        var error = LiveError.From(await Assert.ThrowsAsync<HubException>(call))!;
        Assert.True(error.Kind == kind, $"Expected {kind}, got {error.Kind}: {error.Reason}");
        return error.Reason;
    }
}
