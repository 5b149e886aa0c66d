"""The one place that renders, split by reader.

`machine` writes CSV and JSON for scripts and files (no rich); `console` holds the
words-and-colours basics every table shares; `status`, `commitment`, `reports` and
`extraction` draw what a person reads for each command. Each depends on `model` and
`labels` only, never on the store or the actions.
"""
