"""Persona checks: built-in simulated coaches run against a persona to show its trust gates behave."""

# Seeds per skilled coach for the deepest-disclosure rate (`rapport persona check --rate-seeds`).
RATE_SEEDS = 5
