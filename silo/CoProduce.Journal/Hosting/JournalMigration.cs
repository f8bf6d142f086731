using CoProduce.Journal.Storage;
using Orleans;
using Orleans.Runtime;

namespace CoProduce.Journal.Hosting;

/// <summary>Creates or upgrades the journal's tables before the silo activates grains; idempotent, and safe when silos start together.</summary>
internal sealed class JournalMigration(IGrainStorage storage) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(JournalMigration), ServiceLifecycleStage.RuntimeInitialize, storage.MigrateAsync);
}
