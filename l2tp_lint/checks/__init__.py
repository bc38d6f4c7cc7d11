"""Checks that turn parsed documents into findings."""
