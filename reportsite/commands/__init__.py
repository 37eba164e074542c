"""The commands beyond building: serve (the preview), new, messages, and the maintainers'
vendor command."""
