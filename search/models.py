"""The search app has no models of its own yet."""
