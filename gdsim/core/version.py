"""gdsim's version, written once: the package, pyproject.toml (a dynamic version) and the files gdsim
writes all read it from here, a module every layer may import."""

__version__ = "0.1.0"
