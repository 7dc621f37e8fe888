"""Size table columns to their content so Word and LibreOffice never break a word across lines.

Widths are measured with Arial's metrics (the documents are set in Arial, which LibreOffice replaces with the
metric-identical Liberation Sans), in points.
"""

from __future__ import annotations

# Advance widths of ASCII 32-126 in thousandths of an em (Arial = Helvetica metrics).
_REGULAR = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 278 "
    "278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 "
    "667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 "
    "556 333 500 278 556 500 722 500 500 500 334 260 334 584"
)
_BOLD = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 333 "
    "333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 722 778 667 778 722 667 611 722 "
    "667 944 667 667 611 333 278 333 584 556 333 556 611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 "
    "611 389 556 333 611 556 778 556 556 500 389 280 389 584"
)
_WIDTHS = {False: [int(w) for w in _REGULAR.split()], True: [int(w) for w in _BOLD.split()]}
_WIDE = 1000  # characters outside ASCII (dashes, quotes, accented letters) count as an em: never too narrow
CELL_PADDING_PT = 2 * 5.4 + 3  # Word's default left and right cell margins (0.075 in each), plus a safety margin


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` on one line, in points."""
    table = _WIDTHS[bold]
    return sum(table[ord(c) - 32] if 32 <= ord(c) < 127 else _WIDE for c in text) * size / 1000


def longest_word(text: str, size: float, bold: bool = False) -> float:
    """Width of the widest word of `text`: the narrowest a column can be without breaking a word."""
    return max((text_width(word, size, bold) for word in text.split()), default=0.0)


def fit_columns(min_pt: list[float], natural_pt: list[float], available_pt: float,
                share: list[float] | None = None) -> list[float]:
    """Column widths in points that fill `available_pt`: every column at least its longest word.

    Room left after the minimums goes to the columns whose text is longer than their minimum, in proportion to
    that excess, or by `share` (weights) when given, so a column for answers can take the most room.
    """
    mins = [m + CELL_PADDING_PT for m in min_pt]
    naturals = [max(n + CELL_PADDING_PT, m) for n, m in zip(natural_pt, mins)]
    if sum(mins) >= available_pt:  # cannot fit without breaking: shrink evenly (never happens for our tables)
        return [m * available_pt / sum(mins) for m in mins]
    spare = available_pt - sum(mins)
    if share is None:
        if sum(naturals) <= available_pt:
            share = naturals
        else:
            share = [n - m for n, m in zip(naturals, mins)]
    total = sum(share) or 1.0
    return [m + spare * s / total for m, s in zip(mins, share)]
