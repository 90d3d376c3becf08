"""Give the Editors group what democratic services need: publish pages, and manage
decisions, the forward plan, venues, participation rules, closure days and settings."""

from django.db import migrations

SNIPPET_MODELS = ["decision", "forwardplanentry", "venue", "participationrule", "closureday"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    # Wagtail creates snippets' publish and lock permissions after all migrations have run,
    # so on a new database they do not exist yet: create them here.
    for model, verbose in [("decision", "decision"), ("forwardplanentry", "forward plan entry")]:
        content_type, _ = ContentType.objects.get_or_create(app_label="meetings", model=model)
        for action in ("publish", "lock"):
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose}"},
            )

    editors, _ = Group.objects.get_or_create(name="Editors")
    codenames = []
    for model in SNIPPET_MODELS:
        codenames += [f"add_{model}", f"change_{model}", f"delete_{model}"]
    codenames += ["publish_decision", "publish_forwardplanentry", "lock_decision",
                  "lock_forwardplanentry", "change_democracysettings"]
    content_types = ContentType.objects.filter(app_label="meetings")
    for permission in Permission.objects.filter(
        content_type__in=content_types, codename__in=codenames
    ):
        editors.permissions.add(permission)
    for codename in ["change_councilsettings"]:
        for permission in Permission.objects.filter(codename=codename, content_type__app_label="home"):
            editors.permissions.add(permission)
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        publish = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename="publish_page"
        ).first()
        if publish is not None:
            GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=publish)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_committees_meetings_decisions_plans"),
        ("home", "0001_initial_pages_and_settings"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
