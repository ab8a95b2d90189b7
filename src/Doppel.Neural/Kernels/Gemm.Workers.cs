using System.Diagnostics.CodeAnalysis;

namespace Doppel.Neural.Kernels;

public static partial class Gemm
{
    /// <summary>
    /// Runs the tasks of one product on the calling thread and on thread-pool threads, without
    /// allocating: one job object is reused and queued once per extra thread. Threads take tasks
    /// from a shared counter, so a late or busy thread simply does fewer; which thread computes a
    /// block never changes its values.
    /// </summary>
    [SuppressMessage("Design", "CA1001", Justification = "One instance lives as long as the process; its event is never disposed.")]
    private sealed class Workers : IThreadPoolWorkItem
    {
        private static readonly Workers Instance = new();

        private readonly Lock _gate = new();
        private readonly ManualResetEventSlim _done = new(false);
        private Problem _problem;
        private int _taskCount;
        private int _nextTask;
        private int _pendingHelpers;

        /// <summary>
        /// Runs every task with up to <paramref name="threads"/> threads; returns false, having run
        /// nothing, when another product holds the helpers (the caller then runs alone).
        /// </summary>
        public static bool TryRun(in Problem problem, int taskCount, int threads)
        {
            var workers = Instance;
            if (!workers._gate.TryEnter())
            {
                return false;
            }

            try
            {
                workers._problem = problem;
                workers._taskCount = taskCount;
                workers._nextTask = 0;
                var helpers = Math.Min(threads, taskCount) - 1;
                workers._pendingHelpers = helpers;
                workers._done.Reset();
                for (var i = 0; i < helpers; i++)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(workers, preferLocal: false);
                }

                workers.RunTasks();
                if (helpers > 0)
                {
                    workers._done.Wait();
                }

                workers._problem = default;
                return true;
            }
            finally
            {
                workers._gate.Exit();
            }
        }

        /// <inheritdoc />
        public void Execute()
        {
            try
            {
                RunTasks();
            }
            finally
            {
                if (Interlocked.Decrement(ref _pendingHelpers) == 0)
                {
                    _done.Set();
                }
            }
        }

        private void RunTasks()
        {
            int task;
            while ((task = Interlocked.Increment(ref _nextTask) - 1) < _taskCount)
            {
                _problem.RunTask(task);
            }
        }
    }
}
