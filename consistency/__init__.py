"""consistency: find where news sources disagree about quotes, dates, numbers and names."""

__version__ = "0.1.0"
