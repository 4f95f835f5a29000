-- wrk script of bench/query-load.sh. With PAIRS_FILE set: POST /v1/queries, rotating through its
-- (access token, consent token) pairs (one "access TAB consent" a line), grade GRADE; without it,
-- wrk's own request (GET of the URL given, e.g. /health/live).
-- wrk counts answers >= 400 as errors (errors.status); done() prints one RESULT line for the script.
local pairs_file = os.getenv("PAIRS_FILE") or ""
local grade = os.getenv("GRADE") or "SUMMARY"
local purpose = os.getenv("PURPOSE") or "BENCH"
local requests = {}
local next_index = 1
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count)
end

function init(args)
  if pairs_file == "" then
    return
  end
  for line in io.lines(pairs_file) do
    local access, consent = line:match("^([^\t]+)\t(.+)$")
    if access then
      local body = '{"consentToken":"' .. consent .. '","purpose":"' .. purpose .. '","grade":"' .. grade .. '"}'
      table.insert(requests, wrk.format("POST", "/v1/queries",
        {["Authorization"] = "Bearer " .. access, ["Content-Type"] = "application/json"}, body))
    end
  end
  -- Threads start apart so that they do not walk the same consents in step.
  next_index = 1 + math.floor((offset - 1) * #requests / 2) % #requests
  request = function()
    local r = requests[next_index]
    next_index = next_index % #requests + 1
    return r
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d errors=%d status_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout + e.status, e.status))
end
