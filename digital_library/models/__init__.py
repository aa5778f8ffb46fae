"""Models of the digital library (sub-process 5.4, forms 607-30 … 607-35)."""

from .administration import AccountRequest, SystemRequest
from .dictionaries import (
    DICTIONARY_MODELS,
    DictionaryEdit,
    DocumentTypeEntry,
    LanguageEntry,
    PublicationPlace,
    Publisher,
    SubjectHeading,
)
from .files import MIME_TYPES, DigitalFile, FileUploadLog
from .scanning import ScanningRequest
from .usage import UsageEvent

__all__ = [
    "DICTIONARY_MODELS",
    "MIME_TYPES",
    "AccountRequest",
    "DictionaryEdit",
    "DigitalFile",
    "DocumentTypeEntry",
    "FileUploadLog",
    "LanguageEntry",
    "PublicationPlace",
    "Publisher",
    "ScanningRequest",
    "SubjectHeading",
    "SystemRequest",
    "UsageEvent",
]
