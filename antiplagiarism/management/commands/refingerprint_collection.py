from django.core.management.base import BaseCommand

from antiplagiarism.engine.fingerprint import FINGERPRINT_SCHEME
from antiplagiarism.services import collection_refingerprint


class Command(BaseCommand):
    help = (
        "Take again the fingerprints of the collection documents stored under an older hashing of words, once after "
        "upgrading (issue 21: script-neutral fingerprints). Idempotent: documents already current are not read."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200, help="Documents rewritten per transaction.")

    def handle(self, *args, batch_size: int = 200, **options):
        counts = collection_refingerprint(
            batch_size=batch_size, on_batch=lambda done: self.stderr.write(f"… {done} documents"),
        )
        self.stdout.write(
            f"refingerprinted: {counts['refingerprinted']}, current (scheme {FINGERPRINT_SCHEME}): {counts['current']}"
        )
