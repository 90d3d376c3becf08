"""Uploads have no public URL (config/storage.py): documents are streamed by Wagtail's
document view whatever WAGTAILDOCS_SERVE_METHOD says, only renditions are plain files under
/media/images/, and the shipped nginx file follows the same rule."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from config.storage import PUBLIC_MEDIA_FOLDER
from meetings.exempt import exempt_collection
from meetings.factories import make_document
from tests.config.media import RENDITION_PREFIX, expected_media_status, make_image

NGINX_CONF = Path(settings.BASE_DIR) / "site" / "nginx.conf"


@pytest.mark.django_db
def test_uploads_have_no_file_url_but_renditions_do():
    document = make_document("Agenda", filename="agenda.pdf")
    image = make_image()
    with pytest.raises(NotImplementedError, match="no public URL"):
        document.file.url  # noqa: B018
    with pytest.raises(NotImplementedError, match="no public URL"):
        image.file.url  # noqa: B018
    rendition = image.get_rendition("width-40")
    assert rendition.url.startswith(f"{settings.MEDIA_URL}{RENDITION_PREFIX}")
    assert (Path(settings.MEDIA_ROOT) / rendition.file.name).is_file()


@pytest.mark.django_db
@pytest.mark.parametrize("serve_method", ["serve_view", "redirect", "direct"])
def test_public_documents_are_streamed_by_the_document_view_whatever_the_serve_method(
    serve_method,
):
    document = make_document("Agenda", filename="agenda.pdf")
    with override_settings(WAGTAILDOCS_SERVE_METHOD=serve_method):
        assert document.url == reverse("wagtaildocs_serve", args=[document.pk, document.filename])
        response = Client().get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_media_urls_answer_404_for_documents_and_original_images(url_settings):
    image = make_image()
    rendition = image.get_rendition("width-40")
    files = {
        make_document("Agenda", filename="agenda.pdf").file.name: "public document",
        make_document("Deal", filename="deal.pdf", collection=exempt_collection()).file.name: (
            "exempt paper"
        ),
        image.file.name: "original image",
        rendition.file.name: "rendition",
    }
    client = Client()
    statuses = {
        what: client.get(f"{settings.MEDIA_URL}{name}").status_code for name, what in files.items()
    }
    expected = {what: expected_media_status(name, url_settings) for name, what in files.items()}
    assert statuses == expected


def nginx_media_locations():
    """{location: body} for every nginx location block under /media/ in site/nginx.conf."""
    text = NGINX_CONF.read_text()
    pattern = r"location\s+(?P<path>/media/\S*)\s*\{(?P<body>[^}]*)\}"
    return {match["path"]: match["body"] for match in re.finditer(pattern, text)}


def test_nginx_serves_only_the_renditions_folder_and_refuses_the_rest_of_media():
    locations = nginx_media_locations()
    serving = {
        path: body for path, body in locations.items() if re.search(r"\b(alias|root)\s", body)
    }
    assert list(serving) == [f"{settings.MEDIA_URL}{RENDITION_PREFIX}"]
    (body,) = serving.values()
    assert re.search(rf"alias\s+\S+/media/{PUBLIC_MEDIA_FOLDER}/;", body)
    assert re.search(r"return\s+404;", locations[settings.MEDIA_URL])
