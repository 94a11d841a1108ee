"""The explorer's screen and what it is made of.

:mod:`~tui.explorer.screen` has the keys and their actions, :mod:`~tui.explorer.base`
what is shown and how it follows the state, :mod:`~tui.explorer.layout` the layout
arithmetic (pure), :mod:`~tui.explorer.charts` the chart store, :mod:`~tui.explorer.readings`
the readings pipeline and :mod:`~tui.explorer.startup` TensorFlow's start.
"""
