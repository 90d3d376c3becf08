"""Helpers for rendering any Django form in GOV.UK style (used by the account pages)."""

from django import template

register = template.Library()


@register.simple_tag
def form_errors(form):
    """[(field id or '', message)] for the GOV.UK error summary: errors about the whole
    form first, then each field's in form order."""
    if form is None or not form.errors:
        return []
    errors = [("", message) for message in form.non_field_errors()]
    for name, field in form.fields.items():
        bound = form[name]
        for message in form.errors.get(name, []):
            target = "" if field.widget.is_hidden else bound.auto_id
            errors.append((target, message))
    return errors
