"""The originality-checking engine (issue 6, item 10): pure Python, no Django.

extract → normalize → fingerprint → (candidate lookup in the database, done by the app) → align → report.
Each step is a module with plain functions and dataclasses so that the benchmark and the tests can run
it without a database.
"""
