-- wrk's report as one JSON line (bench/lib/slices.ts reads it). The method comes from WRK_METHOD.
wrk.method = os.getenv("WRK_METHOD") or "GET"

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"failures":%d,"p50Us":%d,"p99Us":%d}\n',
    summary.requests,
    summary.duration,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout,
    latency:percentile(50),
    latency:percentile(99)
  ))
end
