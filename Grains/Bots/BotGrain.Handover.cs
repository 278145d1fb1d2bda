namespace OrleansBots.Bots;

/// <summary>
/// How a running bot moves when its silo stops gracefully: Orleans migrates the activation (<c>BotHandover</c> asks
/// for it), its state travels along instead of through storage, with its event log's kept events and readers' watch,
/// and the new activation ticks at once if a tick is due. Only history not stored yet (after a failed save) is written on the way out.
/// </summary>
public sealed partial class BotGrain : IGrainMigrationParticipant
{
    private const string LastSaveKey = "bot.last-save";

    // Set when this activation came by migration: the state is the moving activation's, and no other activation runs.
    private bool _handedOver;

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        dehydrationContext.TryAddValue(LastSaveKey, Saves.LastAttempt);
        DehydrateEventLog(dehydrationContext);
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue(LastSaveKey, out DateTimeOffset lastSave))
        {
            Saves.Saved(lastSave);
            _handedOver = true;
        }

        RehydrateEventLog(rehydrationContext);
    }

    /// <summary>
    /// The books go into the state that travels. History that an outage kept from its store is written now; if that
    /// fails too it is lost with this activation, as it would be in a stop without migration.
    /// </summary>
    private async Task PrepareHandoverAsync()
    {
        _trading?.WriteBooks();
        if (_unsaved.IsEmpty)
        {
            return;
        }

        try
        {
            await SaveAsync();
        }
        catch (Exception error) when (IsOutage(error))
        {
            logger.LogWarning("Bot {BotId} moves without storing its latest history: {Error}", BotId, error.Message);
        }
    }
}
