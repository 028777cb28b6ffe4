namespace SurgeCollapse.Simd.Dynamics;

/// <summary>The fixed schedule of the <c>notebook</c> and <c>scheduled</c> policies (SPEC §3, §6).</summary>
public sealed record ScheduleOptions
{
    /// <summary>Collapse when (step + 1) is a multiple of this. Default 100.</summary>
    public int CollapseEvery { get; init; } = 100;

    /// <summary>Surge (right after that step's collapse, if any) when (step + 1) is a multiple of this. Default 200.</summary>
    public int SurgeEvery { get; init; } = 200;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming an option out of range.</summary>
    public void Validate()
    {
        OptionCheck.Range(CollapseEvery >= 1, nameof(ScheduleOptions), nameof(CollapseEvery), CollapseEvery, "[1, ∞)");
        OptionCheck.Range(SurgeEvery >= 1, nameof(ScheduleOptions), nameof(SurgeEvery), SurgeEvery, "[1, ∞)");
    }

    /// <summary>What the schedule does at 0-based <paramref name="step"/>: the notebook's <c>(step+1) % period == 0</c>.</summary>
    public DynamicsAction At(long step)
    {
        DynamicsAction action = DynamicsAction.None;
        if ((step + 1) % CollapseEvery == 0)
            action |= DynamicsAction.Collapse;
        if ((step + 1) % SurgeEvery == 0)
            action |= DynamicsAction.Surge;
        return action;
    }
}
