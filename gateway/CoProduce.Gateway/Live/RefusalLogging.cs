using Microsoft.Extensions.Options;

namespace CoProduce.Gateway.Live;

/// <summary>
/// SignalR logs every hub call that ends in an error as an error with its stack trace, refusals included (a stale
/// version, a missing right): expected answers, not faults. Its dispatcher's category is silenced for every logging
/// provider, and <see cref="LiveHubFilter"/> logs each outcome at its own level instead. A rule without a provider is
/// not enough: a provider that has rules of its own (the console's level, OpenTelemetry's Orleans rule) is judged by
/// those alone, so the rule is repeated for each provider named in the rules, after configuration is read.
/// </summary>
internal sealed class RefusalLogging : IPostConfigureOptions<LoggerFilterOptions>
{
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        var providers = options.Rules.Select(r => r.ProviderName).Distinct().ToList();
        foreach (var provider in providers)
        {
            options.Rules.Add(new LoggerFilterRule(provider, DispatcherCategory, LogLevel.None, filter: null));
        }
    }
}
