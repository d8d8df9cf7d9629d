"""Persona checks: built-in simulated coaches run against a persona to show its trust gates behave."""

RATE_SEEDS = (
    5  # seeds per skilled coach for the deepest-disclosure rate (`rapport persona check --rate-seeds`)
)
