"""The names of the schema's migrations, in order, without the migration machinery: a file
whose log holds exactly these is current, and opens with no more than sqlite3."""

MIGRATION_SET = "pledge"
SCHEMA = ("m001_initial", "m002_standing")
