"""om-extract: German meeting minutes → normalized, source-grounded JSON."""

from .models import Protocol
from .pipeline import extract_file, extract_text

__all__ = ["Protocol", "extract_file", "extract_text"]
