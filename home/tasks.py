"""Background tasks of the home app, run by the django-tasks worker (`db_worker`)."""

from django_tasks import task


@task()
def check_click_depth(run_id: int) -> int:
    """Crawl the site for the admin report "Pages more than three clicks from home" and
    store the result in the ClickDepthRun `run_id`. Returns how many pages are too deep
    or unreachable."""
    from home.clickdepth import record_check
    from home.models import ClickDepthRun

    run = ClickDepthRun.objects.get(pk=run_id)
    run, _report = record_check(max_depth=run.max_depth, run=run)
    return len(run.offenders)
