# Reserved for the statutory notices change (issue 11). Filled in by hand so that parallel work on
# the same app never leaves two leaf migrations.
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_calendar_subscriptions_and_alerts")]

    operations = [
        migrations.AddField(
            model_name="forwardplanentry",
            name="general_exception_published_on",
            field=models.DateField(
                blank=True,
                help_text="General exception: the date the notice first appeared on the website. "
                "Filled in automatically when the entry is published with a general exception.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="agendaitem",
            name="forward_plan_entry",
            field=models.ForeignKey(
                blank=True,
                help_text="The forward plan entry that gave notice of this key decision. Link a "
                "Part II item holding the exempt papers of the same decision to the same entry: "
                "the forward plan then shows the decision is taken in private.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="agenda_items",
                to="meetings.forwardplanentry",
            ),
        ),
        migrations.AlterField(
            model_name="forwardplanentry",
            name="exempt_paragraph",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "Paragraph 1: Information relating to any individual."),
                    (
                        2,
                        "Paragraph 2: Information which is likely to reveal the identity of an individual.",
                    ),
                    (
                        3,
                        "Paragraph 3: Information relating to the financial or business affairs of any particular person (including the authority holding that information).",
                    ),
                    (
                        4,
                        "Paragraph 4: Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office holders under, the authority.",
                    ),
                    (
                        5,
                        "Paragraph 5: Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings.",
                    ),
                    (
                        6,
                        "Paragraph 6: Information which reveals that the authority proposes to give under any enactment a notice by virtue of which requirements are imposed on a person, or to make an order or direction under any enactment.",
                    ),
                    (
                        7,
                        "Paragraph 7: Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime.",
                    ),
                ],
                help_text="If private, the paragraph of Schedule 12A that applies (until the "
                "agenda is published).",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="forwardplanentry",
            name="is_exempt",
            field=models.BooleanField(
                default=False,
                help_text="Tick if the decision will be taken in private (Part II). Once a "
                "published agenda item is linked to this entry, the forward plan follows the "
                "agenda instead.",
            ),
        ),
    ]
