"""Where uploads are kept, and the one part of them that has a public address.

Everything editors upload (documents, including exempt Part II papers, and original images)
is written under MEDIA_ROOT by `PrivateMediaStorage`, which has no URL. A document is only
ever streamed by Wagtail's document view (/documents/<id>/<filename>), which runs the
collection permission checks and the Part II hook; with no file URL Wagtail cannot redirect
to the file or link it directly, whatever WAGTAILDOCS_SERVE_METHOD says.

Image renditions are the only files meant to be fetched as plain files. Wagtail writes them
into PUBLIC_MEDIA_FOLDER through the `renditions` storage (WAGTAILIMAGES_RENDITION_STORAGE),
and that folder is the only part of MEDIA_ROOT that config/urls.py and site/nginx.conf map
to a URL. Both storages share MEDIA_ROOT, so files saved before this split keep their paths.
"""

from django.core.files.storage import FileSystemStorage

#: The folder under MEDIA_ROOT where Wagtail writes renditions (AbstractRendition's
#: get_upload_to), served at MEDIA_URL + "images/". Original uploads live elsewhere.
PUBLIC_MEDIA_FOLDER = "images"


class PrivateMediaStorage(FileSystemStorage):
    """Files on disk with no public URL, so nothing can link past the document view."""

    def url(self, name):
        # Not a placeholder: NotImplementedError is how Django's Storage API says a backend
        # has no URLs, and Wagtail's document view catches it to stream the file instead.
        raise NotImplementedError(
            "Uploads have no public URL: documents are served by Wagtail's document view "
            "(/documents/<id>/<filename>) and images by their renditions."
        )
