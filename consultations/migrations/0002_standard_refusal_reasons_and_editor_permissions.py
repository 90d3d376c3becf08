"""Give existing participation rules the standard refusal reasons, and let the Editors
group (democratic services) moderate submissions and edit refusal reasons."""

from django.db import migrations

# A copy, not an import: a migration must keep working if the model module changes.
STANDARD_REFUSAL_REASONS = [
    (
        "It is defamatory",
        "It makes claims about a person that could damage their reputation.",
    ),
    (
        "It is frivolous or offensive",
        "It is not a serious question or statement, or it is offensive.",
    ),
    (
        "It is about a planning or licensing application not yet decided",
        "The council cannot discuss an application before the committee that decides it "
        "has done so. You can comment on the application itself instead.",
    ),
    (
        "It names council staff or people who use council services",
        "To protect their privacy, questions and statements must not name or identify "
        "council staff or people who use the council's services.",
    ),
    (
        "It repeats a question answered in the last six months",
        "The same or a very similar question was answered at a meeting in the last six "
        "months. You can find the answer in that meeting's minutes.",
    ),
]

EDITOR_CODENAMES = [
    "change_submission",
    "add_refusalreason",
    "change_refusalreason",
    "delete_refusalreason",
]


def add_reasons_and_permissions(apps, schema_editor):
    ParticipationRule = apps.get_model("meetings", "ParticipationRule")
    RefusalReason = apps.get_model("consultations", "RefusalReason")
    for rule in ParticipationRule.objects.all():
        for position, (label, description) in enumerate(STANDARD_REFUSAL_REASONS, start=1):
            RefusalReason.objects.get_or_create(
                rule=rule,
                label=label,
                defaults={"description": description, "sort_order": position * 10},
            )

    from django.contrib.auth.management import create_permissions

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    app_config = apps.get_app_config("consultations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    editors, _ = Group.objects.get_or_create(name="Editors")
    for permission in Permission.objects.filter(
        content_type__app_label="consultations", codename__in=EDITOR_CODENAMES
    ):
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_consultation_pages_and_submissions"),
        ("meetings", "0002_editors_group_permissions"),
        ("auth", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_reasons_and_permissions, migrations.RunPython.noop)]
