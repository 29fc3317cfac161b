"""Rule stages: each takes the parsed document and returns one part of the output."""
