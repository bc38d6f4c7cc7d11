"""What the daemons accept, as data: one table per daemon and version."""
