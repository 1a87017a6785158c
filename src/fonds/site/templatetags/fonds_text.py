"""Filters that turn stored text into safe HTML: every piece of text is escaped first."""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

from fonds.core.extraction.editorial import Mark, segments
from fonds.core.languages import language_tag
from fonds.core.search.contract import Snippet

register = template.Library()

_TITLES = {
    Mark.NOTE_REF: "Editorial note",
    Mark.OMISSION: "Omitted by the editor",
    Mark.DESCRIPTION: "Editor's description of the original",
    Mark.EXPANSION: "Letters supplied by the translator",
    Mark.SUPPLIED: "Supplied by the translator",
}


@register.filter
def paragraphs(body: str, notes_id: object = "") -> SafeString:
    """Paragraphs (blank-line separated) with line breaks and editorial brackets marked up;
    footnote references link to `#note-<notes_id>-<marker>` when notes_id is given."""
    html = []
    for paragraph in body.split("\n\n"):
        if paragraph.strip():
            lines = [_marked(line, str(notes_id)) for line in paragraph.strip().split("\n")]
            html.append("<p>" + "<br>".join(lines) + "</p>")
    return mark_safe("\n".join(html))


def _marked(line: str, notes_id: str) -> str:
    parts = []
    for segment in segments(line):
        if segment.mark is Mark.TEXT:
            parts.append(escape(segment.text))
        elif segment.mark is Mark.NOTE_REF:
            parts.append(_note_ref(segment.text, notes_id))
        else:
            parts.append(
                f'<span class="ed ed-{segment.mark.value}" title="{_TITLES[segment.mark]}">'
                f"[{escape(segment.text)}]</span>"
            )
    return "".join(parts)


def _note_ref(marker: str, notes_id: str) -> str:
    if not notes_id:
        return f"[{escape(marker)}]"
    return (
        f'<sup class="note-ref"><a href="#note-{escape(notes_id)}-{escape(marker)}" '
        f'title="Editorial note {escape(marker)}">{escape(marker)}</a></sup>'
    )


@register.filter
def highlighted(snippet: Snippet | None) -> SafeString:
    """A search snippet with its matches in <mark>."""
    if snippet is None:
        return mark_safe("")
    parts, position = [], 0
    for start, end in sorted(snippet.highlights):
        if start < position:
            continue
        parts.append(escape(snippet.text[position:start]))
        parts.append(f"<mark>{escape(snippet.text[start:end])}</mark>")
        position = end
    parts.append(escape(snippet.text[position:]))
    return mark_safe("".join(parts))


@register.filter
def levels(reference: dict[str, object] | None) -> SafeString:
    if not reference:
        return mark_safe("")
    items = reference.get("levels") or []
    return format_html_join(", ", "{} {}", ((lv["kind"], lv["value"]) for lv in items))  # type: ignore[index,union-attr]


@register.simple_tag(takes_context=True)
def toggle_filter(context: template.Context, param: str, value: str) -> str:
    """The current search URL with this filter added (or removed if present), page reset."""
    query = context["request"].GET.copy()
    values = query.getlist(param)
    query.setlist(param, [v for v in values if v != value] if value in values else [*values, value])
    query.pop("page", None)
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, page: int) -> str:
    query = context["request"].GET.copy()
    query["page"] = str(page)
    return "?" + query.urlencode()


@register.filter
def http_url(url: str) -> str:
    """The URL if it is http(s), else "": imported records must not smuggle javascript: links."""
    return url if url.lower().startswith(("http://", "https://")) else ""


@register.filter
def lang_tag(name: str) -> str:
    """An HTML lang value (BCP 47) for a language name; "" when unknown."""
    return language_tag(name)
