"""Wagtail admin customisations for the site as a whole."""
