"""Accessibility rules shared by the editor's content checker, the publish-time checks
and the browser test suite, so all three hold content to the same standard."""

# axe-core tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA: the site's bar.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
