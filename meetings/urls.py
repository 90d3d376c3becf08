"""Routes for calendar feeds, RSS/Atom feeds, subscribing and email alerts.

Feed addresses use primary keys, not slugs, so renaming a committee never breaks anyone's
subscription.
"""

from django.urls import path

from meetings import feeds, views

app_name = "meetings"

urlpatterns = [
    # Subscribing
    path("calendars/", views.subscribe, name="subscribe"),
    path("calendars/personal/", views.personal_calendar, name="personal_calendar"),
    path("alerts/", views.alert_settings, name="alerts"),
    path("alerts/committees/<int:pk>/", views.follow_committee, name="follow_committee"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # iCalendar
    path("calendars/all.ics", feeds.all_meetings_ics, name="all_meetings_ics"),
    path("calendars/committees.ics", feeds.committees_ics, name="committees_ics"),
    path("calendars/committees/<int:pk>.ics", feeds.committee_ics, name="committee_ics"),
    path("calendars/councillors/<int:pk>.ics", feeds.councillor_ics, name="councillor_ics"),
    path("calendars/meetings/<int:pk>.ics", feeds.meeting_ics, name="meeting_ics"),
    path(
        "calendars/personal/<slug:key>/<slug:secret>.ics",
        feeds.personal_ics,
        name="personal_ics",
    ),
    # RSS and Atom
    path("feeds/committees/<int:pk>/rss.xml", feeds.CommitteeNewsFeed(), name="committee_rss"),
    path(
        "feeds/committees/<int:pk>/atom.xml", feeds.CommitteeNewsAtomFeed(), name="committee_atom"
    ),
    path("feeds/decisions/rss.xml", feeds.DecisionsFeed(), name="decisions_rss"),
    path("feeds/decisions/atom.xml", feeds.DecisionsAtomFeed(), name="decisions_atom"),
    path("feeds/forward-plan/rss.xml", feeds.ForwardPlanFeed(), name="forward_plan_rss"),
    path("feeds/forward-plan/atom.xml", feeds.ForwardPlanAtomFeed(), name="forward_plan_atom"),
    path("feeds/consultations/rss.xml", feeds.ConsultationsFeed(), name="consultations_rss"),
    path("feeds/consultations/atom.xml", feeds.ConsultationsAtomFeed(), name="consultations_atom"),
]
