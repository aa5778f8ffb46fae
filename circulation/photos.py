"""The reader's 3×4 cm photo: a real JPEG (decoded by Pillow, not trusted by its name), of a sensible size and
a 3:4 proportion, as the registration rules require (forms-structure §11)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .constants import PHOTO_MAX_BYTES, PHOTO_MAX_SIZE, PHOTO_MIN_SIZE, PHOTO_RATIO, PHOTO_RATIO_TOLERANCE


def validate_reader_photo(file) -> None:
    """Raise ValidationError unless `file` is a JPEG of 150×200…2400×3200 px with width:height ≈ 3:4."""
    size = getattr(file, "size", None)
    if size is not None and size > PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo is larger than %(mb)s MB.") % {"mb": PHOTO_MAX_BYTES // (1024 * 1024)},
                              code="photo_too_big")
    position = file.tell() if hasattr(file, "tell") else None
    try:
        if hasattr(file, "seek"):
            file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("The photo is not a readable image."), code="photo_unreadable") from None
    finally:
        if position is not None and hasattr(file, "seek"):
            file.seek(position)
    if image_format != "JPEG":
        raise ValidationError(_("The photo must be a JPEG image."), code="photo_not_jpeg")
    if width < PHOTO_MIN_SIZE[0] or height < PHOTO_MIN_SIZE[1]:
        raise ValidationError(
            _("The photo is too small: at least %(w)s×%(h)s pixels are needed.")
            % {"w": PHOTO_MIN_SIZE[0], "h": PHOTO_MIN_SIZE[1]},
            code="photo_too_small",
        )
    if width > PHOTO_MAX_SIZE[0] or height > PHOTO_MAX_SIZE[1]:
        raise ValidationError(
            _("The photo is too large: at most %(w)s×%(h)s pixels.") % {"w": PHOTO_MAX_SIZE[0], "h": PHOTO_MAX_SIZE[1]},
            code="photo_too_large",
        )
    if abs(width / height - PHOTO_RATIO) > PHOTO_RATIO_TOLERANCE:
        raise ValidationError(
            _("The photo must be 3×4 (portrait): %(w)s×%(h)s pixels is not.") % {"w": width, "h": height},
            code="photo_bad_ratio",
        )
