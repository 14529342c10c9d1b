"""The after-action report: data assembled from a drill's events, and its renderings."""

REPORT_FORMATS = ("json", "md", "html")  # the files a report is written as: report.json, .md, .html
