#!/bin/sh
# Runs once, when the postgres container starts on an empty volume: the two roles of docs/operations.md
# ("Database roles and migrations") and the database, owned by the role that migrates it.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE herald_owner LOGIN PASSWORD '$HERALD_OWNER_PASSWORD';
CREATE ROLE herald_app LOGIN PASSWORD '$HERALD_APP_PASSWORD';
CREATE DATABASE herald OWNER herald_owner;
SQL
