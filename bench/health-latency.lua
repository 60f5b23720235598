-- wrk script used by bench/health-latency.sh: turns wrk's closed loop into a fixed request rate and
-- records every request's latency from its intended send time (what wrk2 does; Debian has no wrk2).
--
-- Run with one connection per thread (wrk -t N -c N), so each thread's Lua state paces exactly one
-- connection. Environment:
--   BENCH_WRK_RATE  requests per second per connection
--   BENCH_WRK_OUT   file written at the end: one line per request "status service_us intended_us
--                   lag_us", then a last line "# requests achieved_rate errors", the rate being
--                   the sum over connections of responses / (last response - first send)
--
-- How: wrk asks delay() before every request and waits that many whole milliseconds. The k-th
-- request of a connection is due at t0 + k * interval; delay() returns the time left until then
-- (0 when late), so the connection catches up after a slow response instead of lowering the rate.
-- Intended-time latency starts at the due time, or at the actual send when the ms rounding let a
-- request go early; so waiting behind a slow response or a GC pause counts ("coordinated omission"
-- corrected), and h2load's or wrk's own figures, which start at the actual send, would hide it.
-- wrk only offers a whole-second clock to Lua, so the clock is clock_gettime through LuaJIT's FFI
-- (Debian's wrk is built with LuaJIT).

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("bench_timespec")

local function now_us()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
    return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

-- Main state: remember the threads so done() can collect their samples.
local threads = {}
function setup(thread)
    table.insert(threads, thread)
end

-- Thread states: the schedule and the samples of this thread's one connection.
local interval_us, next_due, due, sent, req
status, service, intended, lag, n = {}, {}, {}, {}, 0
first_sent, last_done = nil, nil

function init(args)
    local rate = tonumber(os.getenv("BENCH_WRK_RATE") or "")
    if not rate or rate <= 0 then
        error("BENCH_WRK_RATE (requests per second per connection) is not set")
    end
    interval_us = 1000000 / rate
    req = wrk.format()
end

function delay()
    local now = now_us()
    if not next_due then
        next_due = now
    end
    due = next_due
    next_due = next_due + interval_us
    local wait_ms = math.floor((due - now) / 1000)
    if wait_ms < 0 then
        return 0
    end
    return wait_ms
end

function request()
    sent = now_us()
    first_sent = first_sent or sent
    return req
end

function response(code)
    local t = now_us()
    local start = due
    if not start or sent < start then
        start = sent
    end
    n = n + 1
    status[n] = code
    service[n] = math.floor(t - sent)
    intended[n] = math.floor(t - start)
    lag[n] = math.floor(sent - start)
    last_done = t
end

function done(summary)
    local out = assert(io.open(assert(os.getenv("BENCH_WRK_OUT"), "BENCH_WRK_OUT is not set"), "w"))
    local total, rate = 0, 0
    for _, thread in ipairs(threads) do
        local st, sv, it, lg = thread:get("status"), thread:get("service"), thread:get("intended"), thread:get("lag")
        local count = thread:get("n")
        for i = 1, count do
            out:write(string.format("%d %d %d %d\n", st[i], sv[i], it[i], lg[i]))
        end
        total = total + count
        -- Per connection: wrk's threads look at the stop flag only every 100 ms, each at its own
        -- moment, so they stop up to 100 ms apart and past -d; dividing by wrk's summary.duration
        -- or by one span over all threads would understate the rate.
        local f, l = thread:get("first_sent"), thread:get("last_done")
        if count > 0 and l > f then
            rate = rate + count / ((l - f) / 1000000)
        end
    end
    local e = summary.errors
    out:write(string.format("# %d %.1f %d\n", total, rate,
        e.connect + e.read + e.write + e.status + e.timeout))
    out:close()
end
