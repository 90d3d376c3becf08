"""Forms: the public question and statement form, its query string, and officers' forms.

Error messages follow the GOV.UK Design System: say what went wrong and how to fix it,
in the words people use.
"""

import re

from django import forms
from django.utils import timezone

from meetings.deadlines import format_deadline

from .antiabuse import started_token
from .models import RefusalReason
from .models.submissions import KIND_CHOICES, QUESTION, STATEMENT
from .rules import count_words, public_agenda_items

GENERAL = "general"
YES = "yes"
NO = "no"
UK_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
MAX_TEXT_CHARACTERS = 20_000


def normalise_postcode(value):
    """'ba148jn' -> 'BA14 8JN', or None if it is not a UK postcode."""
    compact = re.sub(r"\s+", "", value or "").upper()
    match = UK_POSTCODE.match(compact)
    if not match:
        return None
    return f"{match.group(1)} {match.group(2)}"


class ItemQueryForm(forms.Form):
    """Parses the `?item=6` link from an agenda item, so the form can pre-select it."""

    item = forms.CharField(required=False, max_length=12)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_item(self):
        number = self.cleaned_data["item"].strip()
        if number and number not in {i.number for i in public_agenda_items(self.meeting)}:
            raise forms.ValidationError("There is no such public agenda item.")
        return number


class AccountSignupForm(forms.Form):
    """The extra field on allauth's sign-up form: the resident's name, which the question
    form fills in for them. allauth adds the email and password fields.

    Django's user has no full-name field, so the name is kept whole in `first_name`
    (`get_full_name()` gives it back unchanged) rather than guessing where to split it.
    """

    field_order = ["name", "email", "password1", "password2"]

    name = forms.CharField(
        label="Full name (optional)",
        required=False,
        max_length=150,
        help_text="We fill it in for you when you send a question or statement.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user):
        """Called by allauth once the new user is saved."""
        name = self.cleaned_data.get("name", "").strip()
        if name:
            user.first_name = name
            user.save(update_fields=["first_name"])


class SubmissionForm(forms.Form):
    """A question or statement for one meeting, shaped by the committee's rule.

    The rule decides the word limit and whether the postcode and 'live or work in the
    area' questions are asked. Limits that need the database (how many per person,
    duplicates, deadlines) are checked in `consultations.submitting`.
    """

    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter your full name"},
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will send your receipt and our reply here. We never publish it.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    phone = forms.CharField(
        label="Phone number (optional)",
        required=False,
        max_length=40,
        help_text="In case we need to contact you before the meeting. We never publish it.",
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=10,
        help_text="We never publish it.",
    )
    lives_or_works_in_area = forms.ChoiceField(
        label="Do you live or work in the council's area?",
        required=False,
        choices=[(YES, "Yes"), (NO, "No")],
        widget=forms.RadioSelect,
    )
    organisation = forms.CharField(
        label="Organisation you represent (optional)",
        required=False,
        max_length=200,
        help_text="For example a parish council or residents' group. Leave blank if you "
        "are writing for yourself.",
    )
    kind = forms.ChoiceField(
        label="Are you asking a question or making a statement?",
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether you are asking a question or making a statement",
            "invalid_choice": "Select whether you are asking a question or making a statement",
        },
    )
    agenda_item = forms.ChoiceField(
        label="What is it about?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the agenda item it is about, or select 'Something else'",
            "invalid_choice": "Select the agenda item it is about, or select 'Something else'",
        },
    )
    text = forms.CharField(
        label="Your question or statement",
        max_length=MAX_TEXT_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 8}),
        strip=True,
        error_messages={
            "required": "Enter your question or statement",
            "max_length": "Your question or statement is too long",
        },
    )
    wants_written_answer = forms.BooleanField(
        label="I would like a written answer",
        required=False,
        help_text="We will email it to you and publish it with the minutes.",
    )
    consent = forms.BooleanField(
        label="I have read the privacy notice. I understand my name, my question or "
        "statement and the answer will be published.",
        error_messages={
            "required": "Confirm that you have read the privacy notice and understand what "
            "we publish"
        },
    )
    # The honeypot: hidden from everyone, so only a bot fills it in.
    website = forms.CharField(label="Leave this field empty", required=False, max_length=200)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, meeting, rule, council_name="the council", **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.rule = rule
        self.council_name = council_name
        self.items = public_agenda_items(meeting)
        self.fields["agenda_item"].choices = [(item.number, str(item)) for item in self.items] + [
            (GENERAL, "Something else the committee is responsible for")
        ]
        self.word_limit = rule.word_limit
        self.fields["text"].help_text = (
            f"Up to {rule.word_limit} words. Do not include personal information about "
            "anyone else, such as their health or address."
        )
        if rule.must_live_or_work_in_area:
            self.fields["postcode"].required = True
            self.fields["postcode"].error_messages["required"] = "Enter your postcode"
            self.fields["lives_or_works_in_area"].required = True
            self.fields[
                "lives_or_works_in_area"
            ].label = f"Do you live or work in the {council_name} area?"
            self.fields["lives_or_works_in_area"].error_messages["required"] = (
                f"Select yes if you live or work in the {council_name} area"
            )
        else:
            del self.fields["postcode"]
            del self.fields["lives_or_works_in_area"]
        if not self.is_bound or not self.data.get("started"):
            self.initial.setdefault("started", started_token())

    @property
    def asks_about_area(self):
        return "lives_or_works_in_area" in self.fields

    @property
    def started_value(self):
        """The token to send back: the original one, so the timer is not reset by errors."""
        return self.data.get("started") or self.initial.get("started") or started_token()

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter your full name")
        return name

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "")
        if not value:
            return ""
        postcode = normalise_postcode(value)
        if postcode is None:
            raise forms.ValidationError("Enter a real postcode, like BA14 8JN")
        return postcode

    def clean_lives_or_works_in_area(self):
        value = self.cleaned_data.get("lives_or_works_in_area")
        if self.rule.must_live_or_work_in_area and value == NO:
            raise forms.ValidationError(
                f"Only people who live or work in the {self.council_name} area can send "
                "questions or statements to this committee"
            )
        return value == YES if value else None

    def clean_text(self):
        text = self.cleaned_data["text"]
        words = count_words(text)
        if words > self.rule.word_limit:
            raise forms.ValidationError(
                f"Your question or statement must be {self.rule.word_limit} words or fewer. "
                f"It has {words} words."
            )
        return text

    def clean_agenda_item(self):
        number = self.cleaned_data["agenda_item"]
        if number == GENERAL:
            return None
        for item in self.items:
            if item.number == number:
                return item
        raise forms.ValidationError(self.fields["agenda_item"].error_messages["invalid_choice"])

    @property
    def honeypot_filled(self):
        return bool((self.data.get("website") or "").strip())

    def radio_options(self, name, hints=None, divider_before=None):
        """Options for the GOV.UK radios include: value, label, hint, id and checked."""
        field = self[name]
        current = field.value()
        current = "" if current is None else str(current)
        options = []
        for position, (value, label) in enumerate(self.fields[name].choices, start=1):
            options.append(
                {
                    "value": value,
                    "label": label,
                    "hint": (hints or {}).get(value, ""),
                    "id": field.auto_id if position == 1 else f"{field.auto_id}-{position}",
                    "checked": current == str(value),
                    "divider": value == divider_before,
                }
            )
        return options

    def kind_options(self):
        return self.radio_options(
            "kind",
            hints={
                QUESTION: "A councillor answers it at the meeting, or in writing.",
                STATEMENT: "Your views, read out or taken into account at the meeting.",
            },
        )

    def item_options(self):
        return self.radio_options("agenda_item", divider_before=GENERAL)

    def area_options(self):
        return self.radio_options("lives_or_works_in_area")

    @property
    def error_list(self):
        """[(field id or '', message)] in the order of the form, for the error summary."""
        errors = [("", message) for message in self.non_field_errors()]
        for name in self.fields:
            for message in self.errors.get(name, []):
                errors.append((self[name].auto_id, message))
        return errors


def late_message(closes_at):
    """The message for a form that arrives after the deadline."""
    return (
        f"The deadline for questions and statements for this meeting was "
        f"{format_deadline(closes_at)}. We cannot accept your question or statement online. "
        "A copy of what you wrote is below."
    )


# --- officers' forms (Wagtail admin) -------------------------------------------------------


class RejectForm(forms.Form):
    """Refuse a submission, giving one of the rule's reasons."""

    refusal_reason = forms.ModelChoiceField(
        queryset=RefusalReason.objects.none(),
        label="Reason",
        help_text="The person sees this reason and its description.",
    )
    note = forms.CharField(
        label="Note to the person (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything more they should know, e.g. where to send their comments instead.",
    )

    def __init__(self, *args, reasons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["refusal_reason"].queryset = reasons


class AcceptForm(forms.Form):
    """Accept a submission for the meeting."""

    note = forms.CharField(
        label="Note to the person (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Included in the email telling them it was accepted.",
    )


class AnswerForm(forms.Form):
    """Record (or correct) the answer and who gave it."""

    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The answer as it will be published and emailed.",
    )
    answered_by = forms.CharField(
        max_length=200,
        help_text="Who answers, e.g. 'Cllr Jane Scott, Leader of the Council'.",
    )


class RedactForm(forms.Form):
    """Edit the public text; the original stays as it was sent."""

    public_text = forms.CharField(
        label="Text to publish",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Remove personal or defamatory content. The original is kept unchanged.",
    )


class ExportForm(forms.Form):
    """Choose the meeting and file type for the agenda supplement export."""

    meeting = forms.ModelChoiceField(
        queryset=None, help_text="The meeting whose accepted questions and statements to export."
    )
    format = forms.ChoiceField(
        label="File type",
        choices=[("csv", "CSV"), ("xlsx", "Excel spreadsheet (XLSX)")],
        initial="xlsx",
        help_text="Excel opens XLSX files; any spreadsheet or text editor opens CSV.",
    )

    def __init__(self, *args, **kwargs):
        from meetings.models import MeetingPage

        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            MeetingPage.objects.filter(submissions__isnull=False).distinct().order_by("-start")
        )
        self.fields["meeting"].label_from_instance = meeting_label

    @classmethod
    def from_query(cls, query):
        """Bound only once submitted (the form always sends a format), so opening the page
        shows no errors; a link naming only the meeting, as the submissions list's button
        does, preselects it."""
        if "format" in query:
            return cls(query)
        form = cls()
        try:
            form.initial["meeting"] = form.fields["meeting"].clean(query.get("meeting"))
        except forms.ValidationError:
            pass
        return form


def meeting_label(meeting):
    """'Cabinet, 2 November 2026' for choosers: the meeting's title, which names its date;
    the date is added only to a title that lacks it, so no two meetings look alike."""
    from meetings.deadlines import format_date

    day = format_date(timezone.localdate(meeting.start))
    return meeting.title if day in meeting.title else f"{meeting.title} ({day})"


class ErasePersonForm(forms.Form):
    """Find everything one person sent, by email address, to erase it on request."""

    email = forms.EmailField(
        help_text="The email address the person used. Every submission from it is erased."
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
