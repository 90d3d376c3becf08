"""Every absolute URL the site gives out is on its configured public address (SITE_URL):
pages, calendar feeds, RSS and Atom, the sitemap, robots.txt and every email. Never on
the host a request happened to use, never on Wagtail's default Site record (which says
localhost unless something sets it), and never on an example domain."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.checks import Error
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from home.checks import check_site_url
from home.clickdepth import crawl
from home.public_address import absolute_url, page_url, sender_address, sync_default_site

PUBLIC = "https://democracy.testcouncil.gov.uk"
HOST = urlsplit(PUBLIC).hostname
# Hosts nobody can reach, or that mean the demo was not the council's own.
UNREACHABLE = re.compile(
    r"localhost|testserver|127\.0\.0\.1|example\.(com|org|gov\.uk)", re.IGNORECASE
)
URL = re.compile(r"(?:https?|webcal)://[^\s\"'<>\\]+", re.IGNORECASE)
# XML namespace names are identifiers that are never fetched, not links.
NAMESPACE = re.compile(r"""xmlns(?::\w+)?=["'][^"']*["']""")
# Sites public pages deliberately link to: adding a calendar, and SVG's namespace.
THIRD_PARTIES = {"calendar.google.com", "outlook.live.com", "outlook.office.com", "www.w3.org"}


def hosts_in(text):
    """The set of host names of every absolute URL in `text`."""
    return {urlsplit(url).hostname for url in URL.findall(NAMESPACE.sub("", text))}


def unfold(ics):
    """An iCalendar body with folded lines joined again (RFC 5545 section 3.1)."""
    return ics.replace("\r\n ", "").replace("\\n", "\n")


def localhost_site():
    """Wagtail's default Site as an install left alone would have it: localhost:80."""
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    Site.clear_site_root_paths_cache()


def test_absolute_url_puts_a_path_or_any_hosts_url_on_the_public_address(settings):
    settings.SITE_URL = PUBLIC
    assert absolute_url("/meetings/?a=b#c") == f"{PUBLIC}/meetings/?a=b#c"
    assert absolute_url("http://localhost/meetings/") == f"{PUBLIC}/meetings/"
    with pytest.raises(ValueError):
        absolute_url("meetings/")


@pytest.mark.django_db
def test_page_url_is_on_the_public_address_whatever_the_site_record_says(settings, home_page):
    localhost_site()
    settings.SITE_URL = PUBLIC
    assert home_page.full_url == "http://localhost/"
    assert page_url(home_page) == f"{PUBLIC}/"


@pytest.mark.django_db
def test_migrate_gives_the_default_site_the_public_host_and_port(settings, home_page):
    localhost_site()
    settings.SITE_URL = "https://democracy.testcouncil.gov.uk:8443"
    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == (HOST, 8443)
    assert sync_default_site() is False, "running it again changes nothing"


@pytest.mark.django_db
def test_the_default_site_is_left_alone_when_another_site_has_the_public_address(
    settings, home_page
):
    localhost_site()
    Site.objects.create(hostname=HOST, port=443, root_page=home_page)
    settings.SITE_URL = PUBLIC
    assert sync_default_site() is False
    assert Site.objects.get(is_default_site=True).hostname == "localhost"


@pytest.mark.parametrize(
    "value",
    ["", "democracy.council.gov.uk", "ftp://council.gov.uk", "https://council.gov.uk/democracy"],
)
def test_a_site_url_that_is_not_a_plain_public_address_is_refused(settings, value):
    settings.SITE_URL = value
    errors = check_site_url()
    assert [error.id for error in errors] == ["home.E001"]
    assert isinstance(errors[0], Error) and "public address" in errors[0].msg


def test_a_site_url_on_a_host_the_deployment_refuses_is_refused(settings):
    settings.SITE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["other.council.gov.uk"]
    assert [error.id for error in check_site_url()] == ["home.E002"]
    settings.ALLOWED_HOSTS = [".testcouncil.gov.uk"]
    assert check_site_url() == []


@pytest.mark.django_db
def test_emails_come_from_the_configured_sender_else_the_councils_own_address(settings, home_page):
    from home.models import CouncilSettings

    settings.DEFAULT_FROM_EMAIL = ""
    council = CouncilSettings.for_site(Site.objects.get(is_default_site=True))
    council.democratic_services_email = "committee@wiltshire.gov.uk"
    council.save()
    assert sender_address() == "committee@wiltshire.gov.uk"
    settings.DEFAULT_FROM_EMAIL = "democracy@council.gov.uk"
    assert sender_address() == "democracy@council.gov.uk"


@pytest.mark.django_db
def test_account_emails_link_to_the_public_address_and_come_from_the_council(settings, home_page):
    """allauth builds its links from the request's host unless told otherwise."""
    settings.SITE_URL = PUBLIC
    settings.DEFAULT_FROM_EMAIL = ""
    localhost_site()
    client = Client(HTTP_HOST="localhost")
    password = "correct-horse-battery-staple"
    client.post(
        reverse("account_signup"),
        {"email": "jo@resident.test", "password1": password, "password2": password},
    )
    client.post(reverse("account_reset_password"), {"email": "jo@resident.test"})
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.from_email == sender_address() == "committee@example.gov.uk"
        links = URL.findall(message.body)
        assert links and all(link.startswith(f"{PUBLIC}/accounts/") for link in links), links


def feed_paths():
    """Every iCalendar, RSS and Atom feed of the demo, by path."""
    from meetings.models import CommitteePage, CouncillorPage, MeetingPage

    committees = list(CommitteePage.objects.live().public().values_list("pk", flat=True))
    paths = [
        reverse("meetings:all_meetings_ics"),
        reverse("meetings:committees_ics") + "?" + "&".join(f"committee={c}" for c in committees),
        reverse("meetings:decisions_rss"),
        reverse("meetings:decisions_atom"),
        reverse("meetings:forward_plan_rss"),
        reverse("meetings:forward_plan_atom"),
        reverse("meetings:consultations_rss"),
        reverse("meetings:consultations_atom"),
    ]
    for pk in committees:
        paths += [
            reverse("meetings:committee_ics", args=[pk]),
            reverse("meetings:committee_rss", args=[pk]),
            reverse("meetings:committee_atom", args=[pk]),
        ]
    for pk in CouncillorPage.objects.live().public().values_list("pk", flat=True):
        paths.append(reverse("meetings:councillor_ics", args=[pk]))
    for pk in MeetingPage.objects.live().public().values_list("pk", flat=True):
        paths.append(reverse("meetings:meeting_ics", args=[pk]))
    return paths


def demo_emails(resident):
    """A receipt and each decision email for a demo question, and every kind of alert
    (agenda, minutes, consultation) to a follower, as the site sends them."""
    from consultations.emails import KINDS, build_email
    from consultations.models import ConsultationPage, Submission
    from meetings import alerts
    from meetings.models import AlertSent, CommitteeFollow, ConsultationFollow, MinutesPage

    submission = Submission.objects.select_related("meeting").first()
    submission.email = resident.email
    messages = [build_email(submission, kind) for kind in KINDS]
    minutes = MinutesPage.objects.live().public().first()
    meeting = minutes.get_parent().specific
    CommitteeFollow.objects.create(user=resident, committee=meeting.committee)
    ConsultationFollow.objects.create(user=resident)
    mail.outbox = []
    alerts.send_alerts(meeting.pk, AlertSent.AGENDA, 0)
    alerts.send_alerts(meeting.pk, AlertSent.MINUTES, 0)
    consultation = ConsultationPage.objects.live().public().first()
    alerts.send_alerts(consultation.pk, AlertSent.CONSULTATION, 0)
    assert len(mail.outbox) == 3, "one email for each kind of alert"
    return messages + list(mail.outbox)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_no_public_output_names_any_host_but_the_public_address(
    live_demo, settings, django_user_model
):
    """The demo that `make run` serves, with Wagtail's Site record left saying localhost and
    every request asking for localhost: only SITE_URL may appear in what the site gives out."""
    from home.models import CouncilSettings
    from meetings.models import MeetingPage, PersonalCalendar

    localhost_site()
    settings.SITE_URL = PUBLIC
    settings.DEFAULT_FROM_EMAIL = ""
    client = Client(HTTP_HOST="localhost")

    pages = sorted(crawl(max_depth=8, client=client).depth)
    assert len(pages) > 60, "the crawl should reach every demo page"
    resident = django_user_model.objects.create_user("res", "res@resident.test", "pw")
    calendar = PersonalCalendar.objects.create(
        user=resident, include_deadlines=True, include_consultations=True
    )
    signed_in = Client(HTTP_HOST="localhost")
    signed_in.force_login(resident)
    outputs = {}
    for path in pages + [reverse("robots_txt"), reverse("sitemap")]:
        response = client.get(path)
        mime = response.get("Content-Type", "").split(";")[0]
        if response.status_code == 200 and (mime.startswith("text/") or mime.endswith("/xml")):
            outputs[path] = response.content.decode()
    for name in ("meetings:subscribe", "meetings:personal_calendar", "meetings:alerts"):
        outputs[f"{name} (signed in)"] = signed_in.get(reverse(name)).content.decode()
    personal = reverse("meetings:personal_ics", args=[calendar.key, calendar.secret])
    for path in feed_paths() + [personal]:
        response = client.get(path)
        assert response.status_code == 200, path
        outputs[path] = unfold(response.content.decode())

    sender = CouncilSettings.for_site(Site.objects.get(is_default_site=True))
    emails = demo_emails(resident)
    found = []
    for message in emails:
        if message.from_email != sender.democratic_services_email:
            found.append(f"email {message.subject!r} is from {message.from_email}")
        outputs[f"email {message.subject!r}"] = "\n".join(
            [message.body, message.alternatives[0][0], *map(str, message.extra_headers.values())]
            + message.reply_to
        )

    for name, text in outputs.items():
        if match := UNREACHABLE.search(text):
            found.append(f"{name} names {match.group()}")
        # Only web pages link elsewhere (to add a calendar); feeds, files and emails never do.
        elsewhere = THIRD_PARTIES if "<!DOCTYPE html>" in text[:100] else set()
        if unknown := hosts_in(text) - {HOST} - elsewhere:
            found.append(f"{name} links to {sorted(unknown)}")
    assert not found, "\n".join(found)
    assert f"{PUBLIC}/sitemap.xml" in outputs[reverse("robots_txt")]
    assert f"<loc>{PUBLIC}/</loc>" in outputs[reverse("sitemap")]
    meeting = MeetingPage.objects.live().public().first()
    assert (
        f"URL:{PUBLIC}{meeting.url}" in outputs[reverse("meetings:meeting_ics", args=[meeting.pk])]
    )
    assert f"The meeting page: {PUBLIC}/meetings/" in emails[0].body, "the receipt"
    unsubscribe = mail.outbox[0].extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{PUBLIC}/alerts/unsubscribe/"), unsubscribe
