"""Visits, product views and searches, counted without a database write on the request.

`counters` adds to per-day counters in the "counters" cache (Redis in production, this process's
memory on the embedded default) and keeps a register of what it counted; `rollup` adds them to the
daily rows in the database on a schedule (Celery beat, or a thread of each process on the embedded
default) and takes off the cache exactly what it added; `middleware` counts every storefront page
served, those from the page cache included; `selectors` are what the dashboards read.
"""
