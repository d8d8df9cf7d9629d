"""Persona checks: built-in simulated coaches run against a persona to show its trust gates behave."""
