"""Which text on a PDF page a reader cannot see: drawn in the invisible render mode, or white on nothing darker.

Works on parsed content-stream operations (pypdf's `(operands, operator)` pairs), tracking the graphics state,
the text position and the areas painted in a non-white colour (fills, images, shadings). White text inside such an
area is a table header on a coloured bar, not hidden text. Text inside form XObjects is not examined.
"""

from __future__ import annotations

import re

# A white fill (gray, RGB or CMYK) or render mode 3 or 7, as written in a content stream.
_HIDING_OPERATOR = re.compile(
    rb"(?<![\d.])(?:[37]\s+Tr|(?:1(?:\.0*)?\s+){2}1(?:\.0*)?\s+(?:rg|sc|scn)|1(?:\.0*)?\s+(?:g|sc|scn)"
    rb"|(?:0(?:\.0*)?\s+){3}0(?:\.0*)?\s+(?:k|sc|scn))\b"
)
# Every such operator contains one of these; scanning for them (in C) is cheaper than running the pattern.
_HINTS = (b"Tr", b"1 rg", b"0 rg", b"1 g", b"0 g", b"1 sc", b"0 sc", b"0 k")
_SHOW = {b"Tj", b"TJ", b"'", b'"'}
_FILL = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}
_PAINT = _FILL | {b"S", b"s", b"n"}
_COLOUR = {b"rg", b"g", b"k", b"sc", b"scn", b"cs"}
_DEVICE_SPACES = {"/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/G", "/RGB", "/CMYK"}
_WHITE = 0.95
_EVERYWHERE = (float("-inf"), float("-inf"), float("inf"), float("inf"))


def may_hide_text(data: bytes) -> bool:
    """Cheap test on a decoded content stream: could any text on it be hidden?"""
    for hint in _HINTS:
        at = data.find(hint)
        while at >= 0:
            if _HIDING_OPERATOR.search(data, max(0, at - 40), at + len(hint) + 2):
                return True
            at = data.find(hint, at + 1)
    return False


def without_text(operations, drop) -> list:
    """The operations with the text-showing ones chosen by `drop` taken out (their line breaks kept)."""
    kept = []
    for op in operations:
        if op[1] in _SHOW and drop(op):
            if op[1] in (b"'", b'"'):
                kept.append(([], b"T*"))
            continue
        kept.append(op)
    return kept


def hidden_show_operations(operations, device_like: set[str] = frozenset()) -> set[int]:
    """ids of the text-showing operations a reader cannot see (invisible mode, or white on nothing darker).

    `device_like` names the page's colour spaces whose components mean what DeviceGray/RGB/CMYK's do (ICC-based,
    calibrated); in any other space (a spot colour, a pattern) "1" is not white.
    """
    if not _shows_white_or_invisible_text(operations, device_like):
        return set()  # the usual case: white was only a page or box background
    state = _State()
    stack: list[_State] = []
    painted: list[tuple[float, float, float, float]] = []  # device-space boxes filled with a non-white colour
    path: list[tuple[float, float]] = []
    hidden: set[int] = set()
    for op in operations:
        operands, operator = op
        try:
            if operator in _SHOW:
                if state.render_mode in (3, 7) or (state.fill[0] and not _inside(state.text_origin(), painted)):
                    hidden.add(id(op))
                if operator != b"Tj" and operator != b"TJ":
                    state.next_line()
            elif operator == b"q":
                stack.append(state.copy())
            elif operator == b"Q":
                state = stack.pop() if stack else state
            else:
                if operator in _COLOUR:
                    state.fill = _fill_after(operator, operands, state.fill, device_like)
                else:
                    _apply(state, operator, [float(x) for x in operands if _is_number(x)], path, painted)
        except (ValueError, TypeError, IndexError, ZeroDivisionError):
            continue  # a malformed operator changes nothing we track
    return hidden


def _shows_white_or_invisible_text(operations, device_like: set[str]) -> bool:
    """Quick pass tracking only colour and render mode (with q/Q): is any text shown in white or invisibly?"""
    fill, mode, stack = (False, True), 0, []
    for operands, operator in operations:
        try:
            if operator in _SHOW:
                if fill[0] or mode in (3, 7):
                    return True
            elif operator in _COLOUR:
                fill = _fill_after(operator, operands, fill, device_like)
            elif operator == b"Tr" and operands:
                mode = int(operands[0])
            elif operator == b"q":
                stack.append((fill, mode))
            elif operator == b"Q" and stack:
                fill, mode = stack.pop()
        except (ValueError, TypeError, IndexError):
            continue
    return False


def _fill_after(operator: bytes, operands, fill: tuple[bool, bool], device_like: set[str]) -> tuple[bool, bool]:
    """(is white, is in a device-like colour space) after a fill-colour operator."""
    if operator == b"cs":
        name = str(operands[0]) if operands else ""
        return False, name in _DEVICE_SPACES or name in device_like
    numbers = [float(x) for x in operands if _is_number(x)]
    white = _is_white(numbers, len(numbers) != len(operands))
    if operator in (b"sc", b"scn"):
        return fill[1] and white, fill[1]
    return white, True  # rg, g and k also select their device space


def _apply(state: _State, operator: bytes, numbers: list[float], path, painted) -> None:
    if operator == b"cm" and len(numbers) == 6:
        state.ctm = _mult(numbers, state.ctm)
    elif operator == b"Tr" and numbers:
        state.render_mode = int(numbers[0])
    elif operator == b"BT":
        state.tm = state.tlm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    elif operator in (b"Td", b"TD") and len(numbers) == 2:
        if operator == b"TD":
            state.leading = -numbers[1]
        state.tlm = _mult([1.0, 0.0, 0.0, 1.0, numbers[0], numbers[1]], state.tlm)
        state.tm = list(state.tlm)
    elif operator == b"Tm" and len(numbers) == 6:
        state.tm, state.tlm = list(numbers), list(numbers)
    elif operator == b"TL" and numbers:
        state.leading = numbers[0]
    elif operator == b"T*":
        state.next_line()
    elif operator == b"re" and len(numbers) == 4:
        x, y, w, h = numbers
        path.extend(_point(state.ctm, px, py) for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)))
    elif operator in (b"m", b"l", b"c", b"v", b"y"):
        path.extend(_point(state.ctm, numbers[i], numbers[i + 1]) for i in range(0, len(numbers) - 1, 2))
    elif operator in _PAINT:
        if operator in _FILL and not state.fill[0] and path:
            xs, ys = [p[0] for p in path], [p[1] for p in path]
            painted.append((min(xs), min(ys), max(xs), max(ys)))
        path.clear()
    elif operator in (b"Do", b"INLINE IMAGE"):  # an image (or form) may be the dark background
        corners = [_point(state.ctm, px, py) for px, py in ((0, 0), (1, 0), (0, 1), (1, 1))]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        painted.append((min(xs), min(ys), max(xs), max(ys)))
    elif operator == b"sh":
        painted.append(_EVERYWHERE)


class _State:
    """The graphics and text state that decides whether shown text can be seen."""

    def __init__(self):
        self.ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        self.tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        self.tlm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        self.leading = 0.0
        self.fill = (False, True)  # (white, device-like colour space); the initial colour is DeviceGray black
        self.render_mode = 0

    def copy(self) -> _State:
        other = _State()
        other.__dict__.update({k: (list(v) if isinstance(v, list) else v) for k, v in self.__dict__.items()})
        return other

    def next_line(self) -> None:
        self.tlm = _mult([1.0, 0.0, 0.0, 1.0, 0.0, -self.leading], self.tlm)
        self.tm = list(self.tlm)

    def text_origin(self) -> tuple[float, float]:
        return _point(self.ctm, self.tm[4], self.tm[5])


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_white(numbers: list[float], has_name: bool) -> bool:
    if has_name or not numbers:
        return False  # a pattern or a named colour: assume it can be seen
    if len(numbers) == 4:
        return max(numbers) <= 1 - _WHITE
    return min(numbers) >= _WHITE


def _mult(m: list[float], n: list[float]) -> list[float]:
    return [
        m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def _point(m: list[float], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _inside(point: tuple[float, float], boxes: list[tuple[float, float, float, float]], slack: float = 2.0) -> bool:
    x, y = point
    return any(x0 - slack <= x <= x1 + slack and y0 - slack <= y <= y1 + slack for x0, y0, x1, y1 in boxes)
