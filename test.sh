#!/usr/bin/env bash
# Runs every test of the solution. The same command runs locally and in CI.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test Registra.sln --configuration Release "$@"
