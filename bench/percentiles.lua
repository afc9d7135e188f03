-- wrk script for bench/pages.py and bench/replay.py: cycles through the paths in the file
-- given after "--", and prints one JSON line when done: totals, latency percentiles
-- (microseconds), and the latency at every percentile from 0.5 to 99.5 and at 99.9, so that
-- short runs can be merged afterwards (bench/replay.py).
local paths = {}
local next_path = 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  next_path = math.random(#paths) - 1
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function done(summary, latency, requests)
  local e = summary.errors
  local points = {}
  for i = 0, 99 do points[#points + 1] = latency:percentile(i + 0.5) end
  points[#points + 1] = latency:percentile(99.9)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "mean_us": %.0f, "p50_us": %d, ' ..
    '"p95_us": %d, "p99_us": %d, "max_us": %d, "errors": %d, "quantiles_us": [%s]}\n',
    summary.requests, summary.duration, summary.bytes, latency.mean,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout, table.concat(points, ", ")))
end
