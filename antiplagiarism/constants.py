"""Policy values of the originality checker."""

from __future__ import annotations

ACCESS_CODE_LENGTH = 12
ACCESS_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes are read aloud and typed
MAX_UPLOAD_BYTES = 30 * 1024 * 1024
ACCEPTED_EXTENSIONS = (".pdf", ".docx", ".odt", ".rtf", ".txt")
# Candidate sources: how many documents sharing the most fingerprints are aligned in full, and how few
# shared fingerprints make a document worth aligning at all.
MAX_CANDIDATES = 40
MIN_SHARED_FINGERPRINTS = 2
# A fingerprint found in more documents than max(this minimum, this share of the collection) is boilerplate
# ("в данной работе рассматривается задача"): it makes no document a candidate, and a passage made mostly
# of such n-grams is not reuse.
COMMON_FINGERPRINT_MIN_DOCUMENTS = 20
COMMON_FINGERPRINT_SHARE = 0.02
# Session key under which the operator's entered access code is kept between the code page and the form.
SESSION_CODE_KEY = "antiplagiarism_access_code_id"
# The most text one originality check reads (settings.ANTIPLAGIARISM_MAX_TEXT_CHARS): a 50-page work is
# ~140,000 characters, a 600-page dissertation ~2 million. A file with more ends its check as failed, with
# this reason, instead of occupying a worker and gigabytes of memory (issue 13, point 4).
DEFAULT_MAX_TEXT_CHARS = 2_000_000


def max_text_chars() -> int:
    from django.conf import settings

    return int(getattr(settings, "ANTIPLAGIARISM_MAX_TEXT_CHARS", None) or DEFAULT_MAX_TEXT_CHARS)
