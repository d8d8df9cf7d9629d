"""The Chainlit adapter: the only package that imports chainlit. Handlers stay thin: app/practice works."""
