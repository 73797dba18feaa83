"""The record contract: standards, statistics and checks, validated before they are stored."""
from .records import (Check, Provenance, Standard, Statistic, ValidationError, VOCAB, validate_check,
                      validate_standard)

__all__ = ["Standard", "Statistic", "Check", "Provenance", "VOCAB", "ValidationError", "validate_standard",
           "validate_check"]
