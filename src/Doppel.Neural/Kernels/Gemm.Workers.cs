using System.Diagnostics.CodeAnalysis;

namespace Doppel.Neural.Kernels;

internal static partial class Gemm
{
    /// <summary>
    /// Runs the tasks of one product on the calling thread and on thread-pool helpers. Threads take
    /// tasks from a shared counter, so a helper that starts late simply does fewer; which thread
    /// computes a block never changes its values. The caller never waits for a helper that has not
    /// started: once every task is taken it closes the product and waits only for helpers still
    /// computing one. A helper that starts after that finds its product closed and leaves. Helper
    /// objects are recycled, so a call allocates nothing once warm.
    /// </summary>
    [SuppressMessage("Design", "CA1001", Justification = "One instance lives as long as the process; its event is never disposed.")]
    private sealed class Workers
    {
        private static readonly Workers Instance = new();

        private readonly Lock _gate = new();
        private readonly Lock _state = new();
        private readonly ManualResetEventSlim _done = new(false);
        private Problem _problem;
        private int _taskCount;
        private int _nextTask;

        // Guarded by _state.
        private long _generation;
        private bool _open;
        private int _active;
        private Helper? _freeHelpers;

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
                workers.Run(problem, taskCount, Math.Min(threads, taskCount) - 1);
                return true;
            }
            finally
            {
                workers._gate.Exit();
            }
        }

        private void Run(in Problem problem, int taskCount, int helpers)
        {
            _problem = problem;
            _taskCount = taskCount;
            _nextTask = 0;
            long generation;
            lock (_state)
            {
                generation = ++_generation;
                _open = true;
                _active = 0;
                _done.Reset();
            }

            for (var i = 0; i < helpers; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(RentHelper(generation), preferLocal: false);
            }

            RunTasks();
            bool wait;
            lock (_state)
            {
                _open = false;
                wait = _active > 0;
            }

            if (wait)
            {
                _done.Wait();
            }

            _problem = default;
        }

        private void Help(Helper helper)
        {
            lock (_state)
            {
                var joined = _open && helper.Generation == _generation;
                helper.Next = _freeHelpers;
                _freeHelpers = helper;
                if (!joined)
                {
                    return;
                }

                _active++;
            }

            try
            {
                RunTasks();
            }
            finally
            {
                lock (_state)
                {
                    if (--_active == 0 && !_open)
                    {
                        _done.Set();
                    }
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

        private Helper RentHelper(long generation)
        {
            lock (_state)
            {
                var helper = _freeHelpers ?? new Helper(this);
                _freeHelpers = helper.Next;
                helper.Next = null;
                helper.Generation = generation;
                return helper;
            }
        }

        /// <summary>A queued request for help with one product (identified by its generation).</summary>
        private sealed class Helper(Workers owner) : IThreadPoolWorkItem
        {
            public long Generation { get; set; }

            public Helper? Next { get; set; }

            public void Execute() => owner.Help(this);
        }
    }
}
