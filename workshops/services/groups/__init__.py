"""Mixed groups (formed by the optimiser in `grouping`), their recommendations, the wall and
its dots."""
