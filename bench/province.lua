-- wrk script of bench/province.sh (docs/province.md): a mixed public load.
-- Item ids and tracking codes come from the file PROV_DATA names (written by
-- bench/province_client.py prepare). The mix, per 100 requests:
--   50 item pages /items/<id>          15 listings /items?page=K
--   10 topic listings /items?topic=T   15 searches /items?q=…
--    5 tracking /track (form) and /track/<code>
--    5 applications POST /api/v1/requests (JSON API, no human check;
--      PROV_WRITE_PCT changes that share, e.g. 0 for reads only)
-- Every request carries an X-Forwarded-For client address of its own
-- (127.1.x.y: a header value, not a host) so per-address limits see many
-- visitors, as they would in a province, not one.
dofile(os.getenv("PROV_DATA"))

local topics = {"2.1", "5.1", "6.1", "13.1", "10.3", "9.4", "9.2", "2.4", "5.5", "8.5"}
local queries = {"政府", "管理", "办法", "通知", "环境保护", "安全生产", "人民政府", "实施意见",
	"工作要点", "国务院", "食品药品", "城乡建设", "社会保障", "公共卫生", "行政许可",
	"同政办发", "2018", "109号", "大同市", "阳高县", "规划", "教育", "交通运输", "信息公开",
	"财政预算", "土地", "农业", "扶贫", "医疗保障", "应急管理"}
local agencies = {"035200000", "035201000", "035203000", "035204000", "035205000", "035210000"}
local body_fmt = '{"agency":"%s","applicant_type":"natural_person","name":"压力测试申请人",'
	.. '"id_number":"140202199001011234","phone":"13503520001","email":"bench@example.cn",'
	.. '"address":"大同市平城区测试路8号","description":"压力测试：城区道路改造工程的立项批复",'
	.. '"doc_no":"","delivery":"email"}'

local function urlenc(s)
	return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- PROV_WRITE_PCT: the share of applications (default 5); the reads keep
-- their proportions among the rest
write_pct = tonumber(os.getenv("PROV_WRITE_PCT") or "5")
local counter = 0
local thread_id = 0
function setup(thread)
	thread_id = thread_id + 1
	thread:set("tid", thread_id)
end

function init(args)
	math.randomseed(1000 + (tid or 0))
end

local function pick(t) return t[math.random(#t)] end

function request()
	counter = counter + 1
	local xff = string.format("127.1.%d.%d", (tid or 0) * 16 + math.random(0, 15), math.random(1, 254))
	local h = {["X-Forwarded-For"] = xff}
	if math.random() * 100 < write_pct then
		h["Content-Type"] = "application/json"
		return wrk.format("POST", "/api/v1/requests", h, string.format(body_fmt, pick(agencies)))
	end
	local r = math.random(95)
	if r <= 50 then
		return wrk.format("GET", "/items/" .. pick(item_ids), h)
	elseif r <= 65 then
		return wrk.format("GET", "/items?page=" .. math.random(1, 50), h)
	elseif r <= 75 then
		return wrk.format("GET", "/items?topic=" .. pick(topics), h)
	elseif r <= 90 then
		return wrk.format("GET", "/items?q=" .. urlenc(pick(queries)), h)
	elseif #codes > 0 and r > 92 then
		return wrk.format("GET", "/track/" .. pick(codes), h)
	end
	return wrk.format("GET", "/track", h)
end
