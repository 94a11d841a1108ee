"""The footer: the keys the screen's bindings show, drawn by one widget on one line.

Textual's ``Footer`` is a container with a widget per key (``FooterKey``): each one
mounted, styled (twice, as it mounts and as its ``compact`` arrives) and rendered on its
own, and all of them removed and mounted again whenever the screen's bindings are
refreshed or the focus moves.  This footer draws the same line with the same styles:
the colours come from the same theme variables and are combined the way Textual
combines a key's styles with its ancestors' (:func:`_rich_style`), and a test holds
every cell equal to Textual's compact and regular footers in each built-in theme.  The
key under the pointer is highlighted and shows its tooltip, a click presses the key, and
the line is drawn again only when the keys it shows change.

Where Textual's footer cuts the keys that do not fit at the palette's key (the mouse
wheel scrolls them), this one draws whole keys only: the others give way from the
right, except the pinned ones (the explorer pins ``? help`` and ``q quit``).  Binding
groups are drawn as their keys, one by one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.color import Color
from textual.css.styles import RenderStyles
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class ShownKey:
    """One key in the footer, as the screen's bindings give it."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str


def _rich_style(chain: Iterable[RenderStyles]) -> Style:
    """The Rich style of the last of ``chain``, a node's styles after its ancestors'.

    The loop of Textual's ``DOMNode.rich_style``, over styles given in a list rather than
    found by walking the DOM: a key's colours are its component's over the key's own
    background (plain or hovered) over the footer's.
    """
    background = Color(0, 0, 0, 0)
    color = Color(255, 255, 255, 0)
    style = Style()
    opacity = 1.0
    for styles in chain:
        has_rule = styles.has_rule
        opacity *= styles.opacity
        if has_rule("background"):
            text_background = background + styles.background.tint(styles.background_tint)
            background += styles.background.tint(styles.background_tint).multiply_alpha(opacity)
        else:
            text_background = background
        if has_rule("color"):
            color = styles.color
        style += styles.text_style
        if has_rule("auto_color") and styles.auto_color:
            color = text_background.get_contrast_text(color.a)
    style += Style.from_color(
        (background + color).rich_color if (background.a or color.a) else None,
        background.rich_color if background.a else None,
    )
    return style


def fit_keys(widths: Sequence[int], pinned: Sequence[bool], room: int, gap: int) -> list[int]:
    """Which keys the footer draws in ``room`` columns, by index: whole keys only.

    All of them if they fit (each key is followed by ``gap`` blank columns, the last one's
    may fall off the edge); else the pinned ones and, from the left, every other key that
    still fits beside them; pinned keys too many to fit go from the left.
    """

    def used(indices: Iterable[int]) -> int:
        chosen = list(indices)
        return sum(widths[i] for i in chosen) + gap * max(0, len(chosen) - 1)

    every = range(len(widths))
    if used(every) <= room:
        return list(every)
    kept = [i for i in every if pinned[i]]
    while kept and used(kept) > room:
        kept.pop(0)
    for i in every:
        if not pinned[i] and used([*kept, i]) <= room:
            kept.append(i)
    return sorted(kept)


class KeyFooter(Widget, can_focus=False):
    """The screen's keys, as Textual's ``Footer`` shows them, in one widget."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer-key--key",
        "footer-key--description",
        "key-footer--item",
        "key-footer--hover",
        "key-footer--separator",
    }
    # Textual's ``Footer`` and ``FooterKey`` rules, on this widget's components.
    DEFAULT_CSS = """
    KeyFooter {
        color: $footer-foreground;
        background: $footer-background;
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-footer--item {
            background: $footer-item-background;
        }
        .key-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .key-footer--separator {
            color: $foreground 20%;
        }
    }
    """

    compact = reactive(False)
    """Display in compact style (less space around each key)."""
    show_command_palette = reactive(True)
    """Show the command palette's key, on the right."""

    def __init__(
        self,
        *,
        compact: bool = False,
        show_command_palette: bool = True,
        pinned: Iterable[str] = (),
        ascii: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``pinned``: the actions whose keys stay when not every key fits (the others
        give way, whole keys, from the right); ``ascii``: no Unicode bar before the
        palette's key (a blank cell instead)."""
        super().__init__(id=id, classes=classes)
        self.pinned = frozenset(pinned)
        self.ascii = ascii
        self._pointer_x: int | None = None
        """The column of the pointer over the footer, if it is there."""
        self.set_reactive(KeyFooter.compact, compact)
        self.set_reactive(KeyFooter.show_command_palette, show_command_palette)
        self.keys: tuple[ShownKey, ...] = ()
        """The keys on show, left to right."""
        self.palette: ShownKey | None = None
        """The command palette's key, on the right (if shown)."""
        self._hover: ShownKey | None = None

    def on_mount(self) -> None:
        """Show the screen's keys, and follow them."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self._show_keys(self.screen)

    def on_unmount(self) -> None:
        """Stop following the screen's keys."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The screen's bindings were refreshed: draw again if the keys on show differ."""
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._show_keys(screen)

    def watch_compact(self) -> None:
        self.refresh()

    def watch_show_command_palette(self) -> None:
        self._show_keys(self.screen)

    def _show_keys(self, screen: Screen[Any]) -> None:
        keys, palette = self.keys_shown(screen)
        if (keys, palette) != (self.keys, self.palette):
            self.keys, self.palette = keys, palette
            self._point_at(self.key_at(self._pointer_x))  # a new key may be under it
            self.refresh()

    def keys_shown(self, screen: Screen[Any]) -> tuple[tuple[ShownKey, ...], ShownKey | None]:
        """The keys the bindings show (the first key of each action), and the palette's."""
        bindings = screen.active_bindings
        keys: dict[str, ShownKey] = {}
        for _, binding, enabled, tooltip in bindings.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = ShownKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    enabled,
                    tooltip,
                )
        palette = None
        found = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if found is not None and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            _, binding, enabled, tooltip = found
            palette = ShownKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                binding.tooltip or binding.description,
            )
        return tuple(keys.values()), palette

    # --- drawing ----------------------------------------------------------------------

    def _chain(self, shown: ShownKey) -> list[RenderStyles]:
        """The styles a key's colours are combined from: the footer's and its ancestors',
        then the key's own (``FooterKey``'s rules, plain or hovered)."""
        item = "key-footer--hover" if shown == self._hover else "key-footer--item"
        chain = [node.styles for node in reversed(self.ancestors_with_self)]
        chain.append(self.get_component_styles(item))
        return chain

    def _key_text(self, shown: ShownKey, compact: bool) -> Text:
        """One key as Textual's ``FooterKey.render`` draws it."""
        chain = self._chain(shown)
        base = _rich_style(chain)
        if not shown.enabled:
            base += Style(dim=True)
        key_style = _rich_style([*chain, self.get_component_styles("footer-key--key")])
        description_style = _rich_style(
            [*chain, self.get_component_styles("footer-key--description")]
        )
        key = shown.display if compact else f" {shown.display} "
        if shown.description:
            description = f" {shown.description}" if compact else f"{shown.description} "
            text = Text.assemble((key, key_style), (description, description_style))
        else:
            text = Text.assemble((shown.display, key_style))
        text.stylize_before(base)
        return text

    def _palette_text(self, shown: ShownKey) -> Text:
        """The palette's key: compact in either footer (as Textual's is), after a border
        (``vkey``), and a cell from the edge: a margin in a compact footer, else padding.

        A border is drawn in its colour over the footer's background, on the key's own.
        """
        chain = self._chain(shown)
        background = _rich_style(chain).bgcolor
        if self.ascii:
            text = Text(" ", Style(bgcolor=self.rich_style.bgcolor))
        else:
            line = _rich_style([*chain[:-1], self.get_component_styles("key-footer--separator")])
            text = Text("▏", Style(color=line.color, bgcolor=background))
        text.append_text(self._key_text(shown, compact=True))
        end = self.rich_style.bgcolor if self.compact else background
        text.append(" ", Style(bgcolor=end))
        return text

    @staticmethod
    def _width(shown: ShownKey, compact: bool) -> int:
        """Columns a key takes (as :meth:`_key_text` draws it)."""
        key = cell_len(shown.display) + (0 if compact else 2)
        if not shown.description:
            return cell_len(shown.display)
        return key + 1 + cell_len(shown.description)

    def key_spans(self) -> list[tuple[int, int, ShownKey]]:
        """Where each key is drawn at the footer's width: its first column, the column
        after it, the key (the palette's key last, with its bar)."""
        width = self.size.width
        spans: list[tuple[int, int, ShownKey]] = []
        room = width
        if self.palette is not None:
            palette = 1 + self._width(self.palette, compact=True) + 1  # bar, key, edge
            if palette <= width:
                room = width - palette
                first = room + 1 if self.ascii else room  # the bar is the key's, a blank not
                spans.append((first, width if not self.compact else width - 1, self.palette))
        gap = 1 if self.compact else 0
        widths = [self._width(shown, self.compact) for shown in self.keys]
        pinned = [shown.action in self.pinned for shown in self.keys]
        x = 0
        keys: list[tuple[int, int, ShownKey]] = []
        for index in fit_keys(widths, pinned, room, gap):
            keys.append((x, x + widths[index], self.keys[index]))
            x += widths[index] + gap
        return keys + spans

    def render(self) -> Text:
        """The keys from the left, one space apart, and the palette's key on the right."""
        blank = Style(bgcolor=self.rich_style.bgcolor)
        line = Text(no_wrap=True, end="")
        width = self.size.width
        for start, _, shown in self.key_spans():
            if shown is self.palette:
                text = self._palette_text(shown)
                start = width - text.cell_len  # with its bar (or blank) and its edge
            else:
                text = self._key_text(shown, self.compact)
            line.append(" " * (start - line.cell_len), blank)
            line.append_text(text)
        line.append(" " * (width - line.cell_len), blank)
        return line

    # --- the pointer ------------------------------------------------------------------

    def key_at(self, x: int | None) -> ShownKey | None:
        """The key drawn at column ``x``, if any."""
        if x is not None:
            for start, end, shown in self.key_spans():
                if start <= x < end:
                    return shown
        return None

    def _point_at(self, shown: ShownKey | None) -> None:
        if shown != self._hover:
            self._hover = shown
            self.tooltip = shown.tooltip if shown is not None and shown.tooltip else None
            self.styles.pointer = "pointer" if shown is not None else "default"
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._pointer_x = event.x
        self._point_at(self.key_at(event.x))

    def on_leave(self) -> None:
        self._pointer_x = None
        self._point_at(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key under the pointer (a bell for a key that does nothing now)."""
        shown = self.key_at(event.x)
        if shown is None:
            return
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()
