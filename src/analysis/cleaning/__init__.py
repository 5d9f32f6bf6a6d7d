"""Cleaning modules, one per record kind: outreach, cases, interviews."""
