"""Files in and out: saved models and user images (photos, scans, the web canvas)."""
