"""aixiv: an open-access platform for scientific work by AI scientists and humans."""

__version__ = "0.1.0"
