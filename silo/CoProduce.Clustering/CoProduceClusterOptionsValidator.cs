using System.Net;
using Microsoft.Extensions.Options;

namespace CoProduce.Clustering;

/// <summary>Refuses start-up on cluster settings Orleans would otherwise replace or reject later, naming the setting.</summary>
internal sealed class CoProduceClusterOptionsValidator : IValidateOptions<CoProduceClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, CoProduceClusterOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"Setting '{Key(nameof(options.ServiceId))}' must not be empty: it is part of every stored grain state and reminder.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"Setting '{Key(nameof(options.ClusterId))}' must not be empty: silos with the same ClusterId form one cluster.");
        }

        if (options.SiloPort is < 1 or > IPEndPoint.MaxPort)
        {
            failures.Add($"Setting '{Key(nameof(options.SiloPort))}' is {options.SiloPort}; it must be a port between 1 and {IPEndPoint.MaxPort}.");
        }

        if (options.GatewayPort is < 0 or > IPEndPoint.MaxPort)
        {
            failures.Add($"Setting '{Key(nameof(options.GatewayPort))}' is {options.GatewayPort}; it must be a port between 0 (no gateway) and {IPEndPoint.MaxPort}.");
        }

        if (options.GatewayPort == options.SiloPort)
        {
            failures.Add($"Settings '{Key(nameof(options.SiloPort))}' and '{Key(nameof(options.GatewayPort))}' are both {options.SiloPort}; they must differ.");
        }

        if (!string.IsNullOrWhiteSpace(options.AdvertisedAddress) && !IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            failures.Add($"Setting '{Key(nameof(options.AdvertisedAddress))}' is '{options.AdvertisedAddress}', which is not an IP address.");
        }

        if (options.ShutdownTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Setting '{Key(nameof(options.ShutdownTimeout))}' must be positive; Orleans needs time to hand grains over.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Key(string setting) => CoProduceClusterOptions.Key(setting);
}
