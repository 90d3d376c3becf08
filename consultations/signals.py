"""Signal handlers: keep the consultations app's data in step with the meetings app's."""


def give_new_rule_standard_refusal_reasons(sender, instance, created, raw=False, **kwargs):
    """A new participation rule starts with the standard refusal reasons, which editors
    can then change; fixtures being loaded (`raw`) are left alone."""
    if created and not raw:
        from .rules import ensure_standard_refusal_reasons

        ensure_standard_refusal_reasons(instance)
