"""extract: survey and poll reports (text or PDF) to validated JSON records.

from extract import extract_file, extract_text
report = extract_file("raw/000_973d4c83f07564ec.txt")
"""

from extract.pipeline import extract_file, extract_text

__version__ = "0.1.0"
__all__ = ["__version__", "extract_file", "extract_text"]
