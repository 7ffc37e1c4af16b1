#!/usr/bin/env bash
# Benchmark: the catalogue and a product page under wrk as gunicorn's workers grow, on PostgreSQL
# with the Redis cache (the production shape), with the whole-page cache on (first-time visitors)
# and off (what a visitor with a session gets: the views' own rendering).
#
#   createdb -h 127.0.0.1 -U postgres ocop_workers_bench
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_workers_bench REDIS_URL=redis://127.0.0.1:6379/5 \
#       bench/workers_load.sh 1 2 4 8
#
# Prints, per worker count and page, successful responses per second and the errors (non-2xx and
# socket errors). Needs wrk (apt-get install wrk). The first run migrates and loads the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?point DATABASE_URL at a scratch PostgreSQL database}"
: "${REDIS_URL:?point REDIS_URL at a Redis database}"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
PY=.venv/bin/python
PORT=${PORT:-8100}
SECONDS_EACH=${SECONDS_EACH:-10}
export DJANGO_DEBUG=false DATABASE_CONN_MAX_AGE=${DATABASE_CONN_MAX_AGE:-60}

$PY manage.py migrate --noinput --verbosity 0
$PY manage.py load_demo --if-empty >/dev/null
$PY manage.py search_index --rebuild >/dev/null
$PY manage.py picture_sizes >/dev/null
$PY manage.py collectstatic --noinput --verbosity 0
PRODUCT=$($PY manage.py shell --no-imports -c "from sellers import selectors; print(selectors.sellable_products().order_by('pk').first().get_absolute_url())")

measure() {  # url → "req/s errors"
  wrk -t2 -c16 -d"${SECONDS_EACH}s" "$1" 2>/dev/null | awk '
    /requests in/ {n=$1} /Non-2xx/ {e=$NF} /Socket errors/ {s=$4+$6+$8+$10}
    /Requests\/sec/ {r=$2}
    END {printf "%.1f %d\n", (n>0 ? r*(n-e)/n : 0), e+s}'
}

printf "%-8s %-6s %-22s %-22s\n" workers cache "/catalogue/ req/s (err)" "product req/s (err)"
for cache in on off; do
  seconds=300; [ "$cache" = off ] && seconds=0
  for workers in "$@"; do
    MARKETPLACE_PAGE_CACHE_SECONDS=$seconds .venv/bin/gunicorn marketplace.wsgi --bind 127.0.0.1:$PORT \
      --workers "$workers" --no-control-socket --error-logfile /dev/null >/dev/null 2>&1 &
    server=$!
    for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/catalogue/" >/dev/null && break; sleep 0.3; done
    for url in /catalogue/ "$PRODUCT"; do wrk -t2 -c8 -d2s "http://127.0.0.1:$PORT$url" >/dev/null 2>&1 || true; done
    read -r cat_rate cat_err < <(measure "http://127.0.0.1:$PORT/catalogue/")
    read -r prod_rate prod_err < <(measure "http://127.0.0.1:$PORT$PRODUCT")
    printf "%-8s %-6s %-22s %-22s\n" "$workers" "$cache" "$cat_rate ($cat_err)" "$prod_rate ($prod_err)"
    kill "$server"; wait "$server" 2>/dev/null || true
  done
done
