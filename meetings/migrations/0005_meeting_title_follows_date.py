# Meetings that move (issue 11): a meeting's title and slug are made from its committee and
# date, with an optional suffix the editor may add. Filled in by hand so that parallel work on
# the same app never leaves two leaf migrations.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_statutory_notice_records")]

    operations = [
        migrations.AddField(
            model_name="meetingpage",
            name="title_suffix",
            field=models.CharField(
                blank=True,
                help_text="Optional. A word or two added to the title and web address to tell "
                "this meeting apart, such as 'extraordinary' or 'budget'. Needed if the "
                "committee meets twice on one day.",
                max_length=60,
            ),
        ),
    ]
