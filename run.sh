#!/usr/bin/env bash
# Runs the Registra server on the embedded SQLite store with the example data. On
# first use it creates ./data, imports the Meridian Harbor cap table and writes the
# first operator API key to ./data/operator.key. Set REGISTRA_DATA and REGISTRA_URLS
# to change the data folder and the listening address.
set -euo pipefail
cd "$(dirname "$0")"
data=${REGISTRA_DATA:-./data}
urls=${REGISTRA_URLS:-http://127.0.0.1:8080}

dotnet build src/Registra.Cli --configuration Release --nologo --verbosity quiet
exec dotnet src/Registra.Cli/bin/Release/net10.0/registra.dll serve --data "$data" --urls "$urls" --example examples/ocf/meridian-harbor
