"""Where TensorFlow runs for the explorer: a process of its own, or a thread as a fallback.

:mod:`~tui.runner.base` has the :class:`~tui.runner.base.Runner` protocol and the thread,
:mod:`~tui.runner.process` the process, :mod:`~tui.runner.jobs` what they run, and
:mod:`~tui.runner.collector` the garbage collector's policy while the explorer starts.
None of them imports Textual: the process imports this package too.
"""
