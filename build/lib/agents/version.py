"""The pipeline's version, as installed."""

from importlib.metadata import PackageNotFoundError, version

try:
    PIPELINE_VERSION = version("khabar")
except PackageNotFoundError:  # running from a source tree that is not installed
    PIPELINE_VERSION = "0.0.0+source"
