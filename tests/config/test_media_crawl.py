"""A crawl of the demo that `make run` serves: every file under MEDIA_ROOT answers 404 at its
/media/ URL unless it is an image rendition, and every exempt (Part II) paper answers 404 by
every URL that names it, under every way of running the site and every serve method.

Requests go through Django's test client, not the live server: Django's live-server thread
serves the whole MEDIA_ROOT itself, which would hide exactly the leak tested here.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from home.factories import ensure_tree_roots
from meetings.exempt import is_exempt_document
from meetings.factories import make_document
from tests.config.media import (
    RENDITION_PREFIX,
    expected_media_status,
    make_image,
    media_files,
)

# The crawl of the whole demo does not depend on the database engine: run once, on SQLite
# (test_storage.py checks the same rule on both engines with factories).
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

#: The paper the defect was reported with (issue 11).
REPORTED_PAPER = "exempt-appendix-consultancy-neutral-vendor-service-commercial-terms.pdf"


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    """The demo as `make run` loads it, plus an unattached upload and an image with a
    rendition (the demo has no images), rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_tree_roots()
        call_command("load_demo", verbosity=0)
        make_document("Unattached upload", filename="unattached-upload.pdf")
        make_image().get_rendition("width-40")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_demo, db):
    """The loaded demo, inside this test's transaction."""


def exempt_papers():
    documents = get_document_model().objects.select_related("collection")
    return [document for document in documents if is_exempt_document(document)]


def urls_naming(document):
    """Every URL that names a document: Wagtail's, its file's, and tricks on both."""
    serve = reverse("wagtaildocs_serve", args=[document.pk, document.filename])
    return [
        document.url,
        serve,
        f"{serve}?download=1",
        f"/documents/{document.pk}/",
        f"/documents/{document.pk}/{document.file.name}",
        f"{settings.MEDIA_URL}{document.file.name}",
        f"{settings.MEDIA_URL}{RENDITION_PREFIX}../{document.file.name}",
        f"{settings.MEDIA_URL}{RENDITION_PREFIX}%2e%2e/{document.file.name}",
    ]


def test_demo_crawl_every_media_file_answers_404_unless_it_is_an_image_rendition(
    demo, url_settings
):
    files = media_files()
    assert REPORTED_PAPER in {name.rsplit("/", 1)[-1] for name in files}
    assert any(name.startswith("original_images/") for name in files)
    assert any(name.startswith(RENDITION_PREFIX) for name in files), (
        "the crawl needs a rendition to show renditions are still served"
    )
    client = Client()
    wrong = []
    for name in files:
        status = client.get(f"{settings.MEDIA_URL}{name}").status_code
        expected = expected_media_status(name, url_settings)
        if status != expected:
            wrong.append(f"{settings.MEDIA_URL}{name}: {status}, expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_demo_renditions_and_nothing_else_are_stored_in_the_public_folder(demo):
    Image = get_image_model()
    renditions = Image.get_rendition_model().objects.all()
    assert renditions
    assert all(rendition.file.name.startswith(RENDITION_PREFIX) for rendition in renditions)
    uploads = [*Image.objects.all(), *get_document_model().objects.all()]
    assert not [u.file.name for u in uploads if u.file.name.startswith(RENDITION_PREFIX)]


@pytest.mark.parametrize("serve_method", ["serve_view", "redirect", "direct"])
def test_demo_exempt_papers_answer_404_by_every_url(demo, url_settings, serve_method):
    papers = exempt_papers()
    assert REPORTED_PAPER in {paper.filename for paper in papers}
    client = Client()
    wrong = []
    with override_settings(WAGTAILDOCS_SERVE_METHOD=serve_method):
        for paper in papers:
            for url in urls_naming(paper):
                status = client.get(url).status_code
                # Django refuses a path that climbs out of the renditions folder with 400.
                refused = (404, 400) if "/../" in url or "%2e" in url else (404,)
                if status not in refused:
                    wrong.append(f"{url}: {status}")
    assert not wrong, "\n".join(wrong)
