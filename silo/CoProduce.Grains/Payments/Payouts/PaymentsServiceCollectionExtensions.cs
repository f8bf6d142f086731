using CoProduce.Grains.Jobs;
using CoProduce.Grains.Payments.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>Registers the payments tables, payout runs as Hangfire jobs, the bank CSV provider and the report section.</summary>
public static class PaymentsServiceCollectionExtensions
{
    public static IServiceCollection AddCoProducePayments(this IServiceCollection services)
    {
        // A bad value stops start-up naming the setting (the schedule's cron syntax is Hangfire's to check, at start-up).
        services.AddOptions<PaymentsOptions>()
            .BindConfiguration(PaymentsOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Schedule), PaymentsOptions.Broken(nameof(PaymentsOptions.Schedule), "a cron expression"))
            .Validate(o => o.ChunkSize > 0, PaymentsOptions.Broken(nameof(PaymentsOptions.ChunkSize), "at least 1"))
            .Validate(o => o.PageSize > 0, PaymentsOptions.Broken(nameof(PaymentsOptions.PageSize), "at least 1"))
            .Validate(o => o.MaxAttempts > 0, PaymentsOptions.Broken(nameof(PaymentsOptions.MaxAttempts), "at least 1"))
            .Validate(o => o.RetryBackoff > TimeSpan.Zero, PaymentsOptions.Broken(nameof(PaymentsOptions.RetryBackoff), "longer than zero"))
            .Validate(o => o.MaxRetryBackoff >= o.RetryBackoff, PaymentsOptions.Broken(nameof(PaymentsOptions.MaxRetryBackoff), "at least RetryBackoff"))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ExportDirectory), PaymentsOptions.Broken(nameof(PaymentsOptions.ExportDirectory), "a folder"))
            .Validate(o => o.HaltAfterChunks is null or >= 0, PaymentsOptions.Broken(nameof(PaymentsOptions.HaltAfterChunks), "0 or more"))
            .ValidateOnStart();
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<PaymentsOptions>>().Value);
        services.TryAddSingleton<PaymentStore>();
        services.TryAddSingleton<IPayoutFaults, ConfiguredPayoutFaults>();
        services.TryAddSingleton<IPaymentProvider, BankCsvProvider>();
        services.TryAddSingleton<PayoutBatch>();
        services.TryAddSingleton<PayoutScheduler>();
        services.AddCoProduceJobs();
        services.AddHostedService<PaymentsHostedService>();

        // Payment timeliness joins the power-balance report.
        services.AddSingleton<Reports.IReportSection, PaymentTimelinessSection>();
        return services;
    }
}
