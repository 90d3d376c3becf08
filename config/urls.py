"""Top-level URL routes. Wagtail's page serving comes last so it catches every page path."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.sitemaps import PublicSitemap
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("questions/", include("consultations.urls")),
    path("", include("meetings.urls")),
    path("search/", search_views.search, name="search"),
    path("search/suggestions/", search_views.search_suggestions, name="search_suggestions"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Image renditions only: documents and original uploads have no URL (config/storage.py).
    from django.urls import re_path
    from django.views.static import serve

    from config.storage import PUBLIC_MEDIA_FOLDER

    urlpatterns += [
        re_path(
            "^"
            + re.escape(f"{settings.MEDIA_URL.lstrip('/')}{PUBLIC_MEDIA_FOLDER}/")
            + "(?P<path>.+)$",
            serve,
            {"document_root": Path(settings.MEDIA_ROOT) / PUBLIC_MEDIA_FOLDER},
        ),
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
