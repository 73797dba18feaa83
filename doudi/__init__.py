"""doudi (兜底): Chinese social-assistance policy documents -> a trustworthy database of standards."""
__version__ = "0.1.0"
