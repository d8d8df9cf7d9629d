"""Rapport: a practice partner for coaches."""
