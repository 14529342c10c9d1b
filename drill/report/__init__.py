"""The after-action report: data assembled from a drill's events, and its renderings."""
