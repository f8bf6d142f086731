using CoProduce.Grains.Jobs;
using CoProduce.Grains.Payments.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>Registers the payments tables, payout runs as Hangfire jobs, the bank CSV provider and the report section.</summary>
public static class PaymentsServiceCollectionExtensions
{
    public static IServiceCollection AddCoProducePayments(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PaymentsOptions.SectionName).Get<PaymentsOptions>() ?? new PaymentsOptions();
        services.TryAddSingleton(options);
        services.TryAddSingleton<PaymentStore>();
        services.TryAddSingleton<IPayoutFaults, ConfiguredPayoutFaults>();
        services.TryAddSingleton<IPaymentProvider, BankCsvProvider>();
        services.TryAddSingleton<PayoutBatch>();
        services.TryAddSingleton<PayoutScheduler>();
        services.AddCoProduceJobs(configuration);
        services.AddHostedService<PaymentsHostedService>();

        // Payment timeliness joins the power-balance report.
        services.AddSingleton<Reports.IReportSection, PaymentTimelinessSection>();
        return services;
    }
}
