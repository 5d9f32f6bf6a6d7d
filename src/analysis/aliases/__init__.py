"""Alias tables and the bilingual dictionary, shipped as package data (CSV files)."""
