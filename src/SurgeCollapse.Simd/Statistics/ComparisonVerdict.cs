namespace SurgeCollapse.Simd.Statistics;

/// <summary>What a paired comparison lets one say about treatment − control.</summary>
public enum ComparisonVerdict
{
    /// <summary>Fewer than two pairs: no interval can be formed, so nothing is claimed.</summary>
    NotEnoughPairs,

    /// <summary>The confidence interval of the mean difference contains zero: the data do not show a difference.</summary>
    NoEvidence,

    /// <summary>The whole interval lies below zero: the treatment's values are lower than the control's.</summary>
    TreatmentLower,

    /// <summary>The whole interval lies above zero: the treatment's values are higher than the control's.</summary>
    TreatmentHigher,
}
