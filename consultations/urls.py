"""Public routes for questions and statements (consultations themselves are Wagtail pages)."""

from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("meetings/<int:meeting_id>/", views.submit, name="submit"),
    path("meetings/<int:meeting_id>/sent/", views.sent, name="sent"),
    path("yours/", views.your_submissions, name="yours"),
]
