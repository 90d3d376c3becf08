"""Run by test_concurrency.py in its own process: publish and unpublish pages at random.

    python -m tests.search.churn SEED PAGE_IDS ROUNDS

Each publish or unpublish goes through Wagtail and the site's signal processor, whose
index task runs at once (the test settings' immediate task backend) in this process.
"""

import random
import sys


def main():
    """Publish or unpublish a random page ROUNDS times."""
    import django

    django.setup()
    from home.models import StandardPage

    seed, page_ids, rounds = int(sys.argv[1]), sys.argv[2].split(","), int(sys.argv[3])
    chooser = random.Random(seed)
    for number in range(rounds):
        page = StandardPage.objects.get(pk=int(chooser.choice(page_ids)))
        if chooser.random() < 0.5:
            page.title = f"Churned page {page.pk} version {seed}-{number}"
            page.save_revision().publish()
        elif page.live:
            page.unpublish()


if __name__ == "__main__":
    main()
