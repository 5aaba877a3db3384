"""belga's widgets."""
