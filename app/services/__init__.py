"""Services: plain functions over a unit of work. The UI and the CLI both call these."""
