"""Demo content for the site as a whole: the home page, footer pages and council settings.

Written in our own words from the facts of the seed documents (Wiltshire Council). Every
function is idempotent: it finds what exists by slug and only creates what is missing, so
`make run` can run it on every start without touching editors' changes.
"""

from wagtail.models import Page, Site

from .models import CouncilSettings, HomePage, StandardPage
from .public_address import public_host, public_port

COUNCIL_NAME = "Wiltshire Council"
ADDRESS = "County Hall\nBythesea Road\nTrowbridge\nWiltshire\nBA14 8JN"


def paragraph(text):
    """A body block holding one paragraph of rich text."""
    return ("paragraph", f"<p>{text}</p>")


def heading(text, level="h2"):
    """A body block holding a heading."""
    return ("heading", {"text": text, "level": level})


def ensure_home_page():
    """Return the home page, replacing Wagtail's placeholder welcome page on first run."""
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    home = HomePage(
        title="Council meetings, decisions and plans",
        slug="home",
        intro=(
            "<p>Find council and committee meetings, agendas, reports, minutes and decisions, "
            "see what the council plans to decide, and have your say.</p>"
        ),
    )
    placeholder = root.get_children().filter(slug="home").first()
    if placeholder:
        placeholder.slug = "welcome-placeholder"
        placeholder.save(update_fields=["slug"])
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page = home
        site.site_name = COUNCIL_NAME
        site.save()
    else:
        Site.objects.create(
            hostname=public_host(),
            port=public_port(),
            root_page=home,
            is_default_site=True,
            site_name=COUNCIL_NAME,
        )
    if placeholder:
        placeholder.delete()
    return home


def ensure_standard_page(parent, slug, title, summary, body, show_in_menus=False):
    """Create a published standard page under `parent` unless one with `slug` exists."""
    existing = StandardPage.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = StandardPage(
        title=title, slug=slug, summary=summary, body=body, show_in_menus=show_in_menus
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


ACCESSIBILITY_BODY = [
    paragraph(
        "This statement covers this website, where the council publishes its meetings, "
        "agendas, reports, minutes, decisions, plans and consultations. We want as many "
        "people as possible to be able to use it: you should be able to zoom in to 300% "
        "without text spilling off the screen, navigate the whole site using just a keyboard "
        "or speech recognition software, and listen to most of the site using a screen reader."
    ),
    heading("How accessible this website is"),
    paragraph(
        "Every page is checked automatically against the Web Content Accessibility Guidelines "
        "(WCAG) version 2.2 AA standard each time the site is changed. We know some parts are "
        "not fully accessible: some older reports and appendices are only available as PDF "
        "documents, and some PDFs were scanned from paper and have no text."
    ),
    heading("What to do if you cannot access parts of this website"),
    paragraph(
        "If you need a paper in a different format, such as accessible PDF, large print, "
        "easy read, audio recording or braille, email democratic services at "
        "committee@wiltshire.gov.uk or call 01225 718024. We will reply within 5 working days."
    ),
    heading("Reporting accessibility problems with this website"),
    paragraph(
        "We are always looking to improve accessibility. If you find a problem not listed on "
        "this page or think we are not meeting accessibility requirements, contact democratic "
        "services using the details above."
    ),
    heading("Enforcement procedure"),
    paragraph(
        "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public "
        "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations "
        "2018. If you are not happy with how we respond to your complaint, contact the "
        "Equality Advisory and Support Service (EASS)."
    ),
    heading("Technical information about this website's accessibility"),
    paragraph(
        "The council is committed to making its website accessible, in accordance with the "
        "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
        "Regulations 2018. This website is partially compliant with WCAG version 2.2 AA "
        "because of the non-compliances listed below."
    ),
    heading("Non-accessible content"),
    paragraph("The content listed below is non-accessible for the following reasons."),
    heading("Non-compliance with the accessibility regulations", "h3"),
    paragraph(
        "Some appendices published before 2024 are PDF documents that do not meet WCAG 2.2 "
        "success criteria 1.1.1 (non-text content) and 1.3.1 (info and relationships). Where a "
        "report is published on this website as a web page, that page is the accessible "
        "version. We plan to publish every new report as a web page as well as a PDF."
    ),
    heading("Disproportionate burden", "h3"),
    paragraph("We are not claiming that fixing any content would be a disproportionate burden."),
    heading("Content that's not within the scope of the accessibility regulations", "h3"),
    paragraph(
        "The regulations do not require us to fix PDFs or other documents published before "
        "23 September 2018 if they are not essential to providing our services, such as the "
        "agenda packs of past meetings. Recordings of meetings broadcast live are exempt from "
        "the requirement for captions."
    ),
    heading("What we're doing to improve accessibility"),
    paragraph(
        "Reports to committees are now published as web pages, with any PDF as a copy. The "
        "editors' tools warn when a page has links that go nowhere or say nothing about where "
        "they go, skipped headings, images without alternative text, tables without header "
        "rows, or a report published only as a PDF."
    ),
    heading("Preparation of this accessibility statement"),
    paragraph(
        "This statement was prepared on 23 November 2026. It was last reviewed on 1 December 2026."
    ),
    paragraph(
        "This website is tested on every change: every page type and form state with the "
        "axe-core rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA, every page with the W3C's "
        "Nu HTML Checker, and by tests of reflow at 320 pixels wide, 200% zoom, target size and "
        "keyboard-only journeys. The tests were written by the team that builds the site."
    ),
]

PRIVACY_BODY = [
    paragraph(
        "This notice explains what personal information democratic services collects through "
        "this website, why, what we publish and how long we keep it. The council is the data "
        "controller."
    ),
    heading("Questions and statements for meetings"),
    paragraph(
        "When you submit a question or statement for a meeting we collect your name, email "
        "address, and, if you give them, your phone number, postcode and organisation. We use "
        "them to process your submission, contact you about it and send you a written answer."
    ),
    heading("What we publish"),
    paragraph(
        "We publish your name, the text of your question or statement (which we may edit to "
        "remove personal or defamatory content) and the answer, on the meeting page and in the "
        "minutes. We never publish your email address, phone number, postcode or address."
    ),
    heading("How long we keep it"),
    paragraph(
        "We delete your contact details 12 months after the meeting. The published record of "
        "the question or statement and its answer is kept as part of the minutes."
    ),
    heading("Your rights"),
    paragraph(
        "You can ask to see the information we hold about you, ask us to correct it, or ask us "
        "to delete it, by contacting democratic services. You can complain to the Information "
        "Commissioner's Office if you are unhappy with how we have used your data."
    ),
]


def load():
    """Create the home page, footer pages and council settings; return the home page."""
    home = ensure_home_page()
    accessibility = ensure_standard_page(
        home,
        "accessibility-statement",
        "Accessibility statement",
        "How accessible this website is, and how to get information in another format.",
        ACCESSIBILITY_BODY,
    )
    privacy = ensure_standard_page(
        home,
        "privacy-notice",
        "Privacy notice",
        "What personal information we collect when you take part, and what we publish.",
        PRIVACY_BODY,
    )
    contact = ensure_standard_page(
        home,
        "contact-democratic-services",
        "Contact democratic services",
        "How to contact the team that runs council meetings.",
        [
            paragraph(
                "Democratic services supports the council's meetings and publishes their "
                "papers. Email committee@wiltshire.gov.uk or call 01225 718024, Monday to "
                "Friday, 9am to 5pm."
            )
        ],
    )
    site = Site.objects.get(root_page=home)
    settings = CouncilSettings.for_site(site)
    if not settings.address:
        settings.council_name = COUNCIL_NAME
        settings.address = ADDRESS
        settings.democratic_services_email = "committee@wiltshire.gov.uk"
        settings.democratic_services_phone = "01225 718024"
        settings.accessibility_statement = accessibility
        settings.privacy_notice = privacy
        settings.contact_page = contact
        settings.save()
    return home
