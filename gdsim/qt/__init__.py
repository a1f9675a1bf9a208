"""Everything that draws or listens to a person: the window, its views, the worker bridge."""
