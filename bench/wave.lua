-- wrk script of the benchmark (bench/driver.cpp runs it).
--   wrk … URL/api/health -s bench/wave.lua -- ceiling
--   wrk -tN … URL -s bench/wave.lua -- wave FAMILIES.tsv DAY N
-- "wave": every request is one family's morning report (PUT /api/family/children/{id}/report)
-- with that family's session cookie, CSRF token and an Idempotency-Key; each wrk thread takes
-- its own slice of the families, so no two requests come from the same family until a thread
-- has used all of its own ("wrapped"). Only 200 counts as accepted. done() prints one line,
-- "XA_WRK {json}", that the driver reads.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local mode, mine, n = "ceiling", {}, 0
-- Globals, so that done() can read them from every thread with thread:get().
round, ok, other, first_other = 0, 0, 0, ""
local body = '{"temperature":36.6,"symptoms":[],"code_color":"green","household_fever":false,' ..
             '"left_city":false,"attending":true}'

function init(args)
  mode = args[1] or "ceiling"
  if mode ~= "wave" then return end
  local day, nthreads = args[3], tonumber(args[4])
  local i = 0
  for line in io.lines(args[2]) do
    if i % nthreads == tid then
      local child, cookie, csrf = line:match("^(%S+)\t(%S+)\t(%S+)$")
      table.insert(mine, {
        path = "/api/family/children/" .. child .. "/report",
        headers = {
          ["Cookie"] = "xa_family=" .. cookie,
          ["X-CSRF-Token"] = csrf,
          ["Content-Type"] = "application/json",
        },
        key = "wave-" .. day .. "-" .. child,
      })
    end
    i = i + 1
  end
  request = wave_request  -- only the wave builds its requests; the ceiling's is static
end

function wave_request()
  n = n + 1
  if n > #mine then n = 1; round = round + 1 end
  local f = mine[n]
  f.headers["Idempotency-Key"] = f.key .. "-" .. round
  return wrk.format("PUT", f.path, f.headers, body)
end

function response(status, headers, resp)
  if status == 200 then
    ok = ok + 1
  else
    other = other + 1
    if first_other == "" then first_other = status .. " " .. string.sub(resp or "", 1, 160) end
  end
end

function done(summary, latency, requests)
  local total_ok, total_other, wrapped, first = 0, 0, false, ""
  for _, t in ipairs(threads) do
    total_ok = total_ok + (t:get("ok") or 0)
    total_other = total_other + (t:get("other") or 0)
    if (t:get("round") or 0) > 0 then wrapped = true end
    local f = t:get("first_other")
    if first == "" and f and f ~= "" then first = f end
  end
  local secs = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  first = first:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('[%c]', ' ')
  io.write(string.format(
    'XA_WRK {"requests":%d,"ok":%d,"other_status":%d,"socket_errors":%d,"seconds":%.3f,' ..
    '"rps":%.1f,"ok_rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"wrapped":%s,"first_other":"%s"}\n',
    summary.requests, total_ok, total_other, errors, secs, summary.requests / secs, total_ok / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    tostring(wrapped), first))
end
