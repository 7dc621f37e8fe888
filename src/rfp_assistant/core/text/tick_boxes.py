"""The marks of a form's tick boxes, shared by every reader of forms (a brief's intake form, a vendor questionnaire)."""

CHECKED = r"\[\s*[xX✓✔*]\s*\]|\(\s*[xX✓✔*]\s*\)|[☒☑✅■]"
"""A ticked box: a bracket holding a mark, or a box glyph drawn ticked (a lone '■' may also be a bullet)."""
UNCHECKED = r"\[\s*\]|\(\s*\)|[☐□]"
"""An empty box."""
