using SurgeCollapse.Simd.Noise;

namespace SurgeCollapse.Simd.Training;

/// <summary>
/// Where a <see cref="BatchSchedule"/> stands, which a run checkpoint saves so that the resumed run hands out the same
/// batches: this epoch's order, how far into it the schedule is, the counters and the shuffle's generator (the next
/// epoch's order comes from it). The input noise stream is saved with the noise generators.
/// </summary>
/// <param name="Order">The sample indices of the current epoch, a permutation of 0..Count−1.</param>
/// <param name="Position">How many of them have been handed out, in [0, Count].</param>
/// <param name="Epoch">The zero-based epoch of the latest batch.</param>
/// <param name="Step">How many batches have been handed out.</param>
/// <param name="Random">The shuffle's generator.</param>
internal readonly record struct BatchScheduleState(int[] Order, int Position, int Epoch, long Step, Xoshiro256 Random);
