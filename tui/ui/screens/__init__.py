"""belga's screens."""
