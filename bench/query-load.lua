-- wrk script of bench/query-load.sh: POST /v1/queries, rotating through the (access token,
-- consent token) pairs of PAIRS_FILE (one "access TAB consent" a line), grade GRADE.
-- wrk counts answers >= 400 as errors (errors.status); done() prints one line for the script.
local pairs_file = os.getenv("PAIRS_FILE")
local grade = os.getenv("GRADE") or "SUMMARY"
local purpose = os.getenv("PURPOSE") or "BENCH"
local requests = {}
local next_index = 1
local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count)
  table.insert(threads, thread)
end

function init(args)
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
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d errors=%d status_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout + e.status, e.status))
end
