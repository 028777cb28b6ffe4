namespace SurgeCollapse.Simd.Kernels;

/// <summary>
/// Splits one large product over dedicated worker threads, allocation-free: the job is handed over in a
/// static field and each thread computes a disjoint block of C with its own packing buffers, so no
/// synchronisation is needed beyond start and finish. One product at a time; a concurrent caller (say, the
/// experiment running runs on every core) simply computes on its own thread.
/// </summary>
internal static class GemmWorkers
{
    private static readonly Lock s_gate = new();
    private static Worker[] s_workers = [];
    private static GemmJob s_job;
    private static int s_parts;

    /// <summary>The managed bytes the worker threads have allocated so far, as of their last finished part (tests check it stays put).</summary>
    public static long WorkerAllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (Worker worker in s_workers)
                total += Volatile.Read(ref worker.AllocatedBytes);
            return total;
        }
    }

    /// <summary>How many products have been split so far (tests check that a split really happened).</summary>
    public static long SplitCount => Interlocked.Read(ref s_splitCount);

    private static long s_splitCount;

    /// <summary>Runs the job on several threads if it has at least <paramref name="threshold"/> multiply-adds and no other product holds the workers.</summary>
    public static bool TryRun(in GemmJob job, long threshold)
    {
        int parts = Math.Min(Gemm.MaxThreads, Environment.ProcessorCount);
        if (parts < 2 || (long)job.M * job.N * job.K < threshold || !s_gate.TryEnter())
            return false;
        int started = 0;
        try
        {
            EnsureWorkers(parts - 1);
            s_job = job;
            s_parts = parts;
            for (; started < parts - 1; started++)
                s_workers[started].Start();
            RunPart(parts - 1);
            Interlocked.Increment(ref s_splitCount);
            return true;
        }
        finally
        {
            // Even if this thread's part threw, the workers still read the caller's pinned operands: wait for them.
            for (int w = 0; w < started; w++)
                s_workers[w].WaitUntilDone();
            s_gate.Exit();
        }
    }

    /// <summary>Part <paramref name="part"/> of <c>s_parts</c>: a band of columns (or rows, if C is tall) aligned to whole tiles.</summary>
    private static void RunPart(int part)
    {
        ref readonly GemmJob job = ref s_job;
        const int Align = 96; // a multiple of every micro-kernel's MR (8, 6, 4) and NR (32, 16, 8, 4): bands split on tile borders
        bool splitColumns = job.N >= job.M;
        int extent = splitColumns ? job.N : job.M;
        int start = BandStart(extent, part, s_parts, Align), end = BandStart(extent, part + 1, s_parts, Align);
        if (start >= end)
            return;
        if (splitColumns)
            job.Run(0, job.M, start, end);
        else
            job.Run(start, end, 0, job.N);
    }

    private static int BandStart(int extent, int part, int parts, int align) =>
        part == parts ? extent : Math.Min(extent, (int)((long)extent * part / parts / align * align));

    private static void EnsureWorkers(int count)
    {
        if (s_workers.Length >= count)
            return;
        var workers = new Worker[count];
        for (int w = 0; w < count; w++)
            workers[w] = w < s_workers.Length ? s_workers[w] : new Worker(w);
        s_workers = workers;
    }

    // Workers live as long as the process, like the thread pool's threads: their handles are never disposed.
#pragma warning disable CA1001
    private sealed class Worker
#pragma warning restore CA1001
    {
        private readonly SemaphoreSlim _start = new(0);
        private readonly ManualResetEventSlim _done = new(false);
        private readonly int _part;

        public Worker(int part)
        {
            _part = part;
            var thread = new Thread(Loop) { IsBackground = true, Name = $"gemm-worker-{part}" };
            thread.Start();
        }

        public void Start()
        {
            _done.Reset();
            _start.Release();
        }

        public long AllocatedBytes;

        public void WaitUntilDone() => _done.Wait();

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                RunPart(_part);
                Volatile.Write(ref AllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
                _done.Set();
            }
        }
    }
}
