"""The bundled price files (real and synthetic), found with importlib.resources."""
