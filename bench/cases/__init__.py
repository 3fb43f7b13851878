"""One module per area; each exposes ``run(ctx) -> list[Result]``."""
