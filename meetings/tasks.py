"""Background tasks of the meetings app, run by the django-tasks worker (`db_worker`).

Email alerts are sent here rather than while an editor publishes, so a slow or failing
mail server never slows publishing down. Arguments are ids and strings because task
arguments must be JSON.
"""

from django_tasks import task


@task()
def send_alerts(page_id: int, kind: str, key: int) -> int:
    """Email everyone following the page's committee (or consultations) about one change.

    Safe to run more than once: `meetings.alerts.send_alerts` records each email sent and
    never sends the same change to the same person twice. Returns how many were sent.
    """
    from meetings import alerts

    return alerts.send_alerts(page_id, kind, key)
