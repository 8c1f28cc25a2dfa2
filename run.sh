#!/usr/bin/env bash
# Runs Registra on the embedded SQLite store with the example data: imports the
# Meridian Harbor cap table into ./data on first use, verifies the whole ledger,
# and prints the register. Set REGISTRA_DATA to use another data folder.
set -euo pipefail
cd "$(dirname "$0")"
data=${REGISTRA_DATA:-./data}

dotnet build src/Registra.Cli --configuration Release --nologo --verbosity quiet
registra() { dotnet src/Registra.Cli/bin/Release/net10.0/registra.dll "$@"; }

if [ ! -f "$data/journal.db" ]; then
  registra import ocf examples/ocf/meridian-harbor --data "$data"
fi
registra verify --data "$data"
registra holders --data "$data"
