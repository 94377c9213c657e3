#!/usr/bin/env python3
"""Search benchmark corpus and queries (docs/search-bench.md).

Writes into OUTDIR, deterministically from SEED:
  items.jsonl   N catalogue items as `gongkai import items` reads them
  agencies.tsv  code, parent, name of the ~50 agencies the items name
  queries.tsv   kind, query (>= 300, the same for every N: they come from
                the first items, and item i does not depend on N)

Text is real: paragraphs and titles of /work/shared/data/cn-laws and the
gov.cn policy sample; an item's body is a slice of consecutive paragraphs
at a random offset, so a million items reuse the text with variation.
"""
import glob
import html
import json
import os
import random
import re
import sys

# Agencies: the demo city's (src/service/demo.c, so items import into a
# demo database) and more of the same kind; code, parent, name, 文号 prefix.
AGENCIES = [
    ("035200000", "035200001", "大同市人民政府办公厅", "同政办发"),
    ("035201000", "035200001", "大同市国土资源局", "同国土资发"),
    ("035202000", "035200001", "大同市农业机械局", "同农机发"),
    ("035203000", "035200001", "大同市农业委员会", "同农发"),
    ("035204000", "035200001", "大同市卫生和计划生育委员会", "同卫计发"),
    ("035205000", "035200001", "大同市环境保护局", "同环发"),
    ("035206000", "035200001", "大同市食品药品监督管理局", "同食药监发"),
    ("035207000", "035200001", "大同市质量技术监督局", "同质监发"),
    ("035208000", "035200001", "大同市政务服务中心", "同政务发"),
    ("035210000", "035200001", "大同市城区人民政府", "城政发"),
    ("035210100", "035210000", "大同市城区人民政府办公室", "城政办发"),
    ("035211000", "035200001", "大同市矿区人民政府", "矿政发"),
    ("035211100", "035211000", "大同市矿区人民政府办公室", "矿政办发"),
    ("035212000", "035200001", "大同市南郊区人民政府", "南政发"),
    ("035213000", "035200001", "大同市新荣区人民政府", "新政发"),
    ("035221000", "035200001", "阳高县人民政府", "阳政发"),
    ("035221100", "035221000", "阳高县人民政府办公室", "阳政办发"),
    ("035221200", "035221000", "阳高县环境保护局", "阳环发"),
    ("035222000", "035200001", "天镇县人民政府", "天政发"),
    ("035223000", "035200001", "广灵县人民政府", "广政发"),
    ("035224000", "035200001", "灵丘县人民政府", "灵政发"),
    ("035225000", "035200001", "浑源县人民政府", "浑政发"),
    ("035226000", "035200001", "左云县人民政府", "左政发"),
    ("035227000", "035200001", "大同县人民政府", "大县政发"),
    ("035230100", "035200001", "大同市发展和改革委员会", "同发改发"),
    ("035230200", "035200001", "大同市教育局", "同教发"),
    ("035230300", "035200001", "大同市科学技术局", "同科发"),
    ("035230400", "035200001", "大同市工业和信息化局", "同工信发"),
    ("035230500", "035200001", "大同市公安局", "同公发"),
    ("035230600", "035200001", "大同市民政局", "同民发"),
    ("035230700", "035200001", "大同市司法局", "同司发"),
    ("035230800", "035200001", "大同市财政局", "同财发"),
    ("035230900", "035200001", "大同市人力资源和社会保障局", "同人社发"),
    ("035231000", "035200001", "大同市自然资源局", "同自然资发"),
    ("035231100", "035200001", "大同市生态环境局", "同环函"),
    ("035231200", "035200001", "大同市住房和城乡建设局", "同建发"),
    ("035231300", "035200001", "大同市交通运输局", "同交发"),
    ("035231400", "035200001", "大同市水务局", "同水发"),
    ("035231500", "035200001", "大同市农业农村局", "同农农发"),
    ("035231600", "035200001", "大同市商务局", "同商发"),
    ("035231700", "035200001", "大同市文化和旅游局", "同文旅发"),
    ("035231800", "035200001", "大同市卫生健康委员会", "同卫健发"),
    ("035231900", "035200001", "大同市退役军人事务局", "同退役军人发"),
    ("035232000", "035200001", "大同市应急管理局", "同应急发"),
    ("035232100", "035200001", "大同市审计局", "同审发"),
    ("035232200", "035200001", "大同市市场监督管理局", "同市监发"),
    ("035232300", "035200001", "大同市统计局", "同统发"),
    ("035232400", "035200001", "大同市医疗保障局", "同医保发"),
    ("035232500", "035200001", "大同市行政审批服务管理局", "同审批发"),
    ("035232600", "035200001", "大同市信访局", "同信发"),
]
# 文号 of higher levels that local catalogues also list
OTHER_DOCNO = ["国发", "国办发", "国办函", "国函", "晋政发", "晋政办发", "晋政函", "同政发", "同政函"]
TOPICS = ["2.1", "5.1", "6.1", "9.4", "10.3", "13.1", "2.4", "8.5", "17.6", "5.5"]
GENRES = ["notice", "measures", "news"]
TEMPLATES = [
    "{law}", "关于印发《{law}》的通知", "关于贯彻实施《{law}》的意见", "{law}实施细则",
    "关于做好{topic}工作的通知", "{year}年{topic}工作要点", "关于{topic}的实施意见",
    "关于进一步加强{topic}的通知", "{agency}关于{topic}的通知", "{title}",
]
COMMON = ["政府", "管理", "规定", "办法", "通知", "实施", "国务院", "人民政府", "条例", "部门",
          "工作", "安全", "发展", "服务", "监督", "企业", "社会", "公开", "法律", "行政"]


def load_laws(root):
    """(title, [paragraph]) of every cn-laws file, in path order."""
    laws = []
    for path in sorted(glob.glob(os.path.join(root, "cn-laws", "**", "*.md"), recursive=True)):
        name = os.path.basename(path)
        if name.startswith("_") or name == "README.md" or "模版" in name:
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        m = re.search(r"^# (.+)$", text, re.M)
        if not m:
            continue
        body = text.split("<!-- INFO END -->", 1)[-1]
        paras = [p.strip() for p in body.split("\n")
                 if p.strip() and not p.startswith("#") and not p.startswith("<!--")]
        if len(paras) >= 3:
            laws.append((m.group(1).strip(), paras))
    return laws


def load_policies(root):
    """(title, 文号, [paragraph]) of the gov.cn sample's documents."""
    out = []
    for path in sorted(glob.glob(os.path.join(root, "govcn-policy-sample", "*.sql"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            sql = f.read()
        for row in sql.split("insert into")[1:]:
            t = re.search(r'<td colspan="3">([^<]+)</td>', row)
            d = re.search(r"<b>发文字号：</b></td>\s*<td>([^<]*)</td>", row)
            paras = [html.unescape(re.sub(r"<[^>]+>", "", p)).strip()
                     for p in re.findall(r"<p[^>]*>(.*?)</p>", row, re.S)]
            paras = [p.replace("\\n", "").replace("\\r", "").strip() for p in paras]
            paras = [p for p in paras if len(p) > 10]
            if t and len(paras) >= 3:
                out.append((t.group(1).strip(), d.group(1).strip() if d else "", paras))
    return out


def topic_of(title):
    t = re.sub(r"^中华人民共和国|（.*?）|\(.*?\)|《|》", "", title)
    t = re.sub(r"(实施细则|实施条例|条例|办法|规定|法|决定|解释|规则|意见|通知)$", "", t)
    return t[:12] if len(t) >= 2 else title[:12]


def make_items(root, n, seed):
    laws = load_laws(root)
    policies = load_policies(root)
    if not laws:
        sys.exit("search_corpus: no texts under " + root)
    sources = [(t, p) for t, p in laws] + [(t, p) for t, _, p in policies] * 5
    real_docno = [d for _, d, _ in policies if d]
    rng = random.Random(seed)
    serial = {}
    for i in range(n):
        ag = AGENCIES[rng.randrange(len(AGENCIES))]
        year = 2000 + min(24, int(rng.triangular(0, 25, 22)))
        law_title, paras = sources[rng.randrange(len(sources))]
        tpl = TEMPLATES[rng.randrange(len(TEMPLATES))]
        title = tpl.format(law=law_title, topic=topic_of(law_title), year=year,
                           agency=ag[2], title=law_title)
        if len(title) > 30:
            title = title[:30]
        r = rng.random()
        if r < 0.15:
            doc_no = ""
        elif r < 0.2 and real_docno:
            doc_no = real_docno[rng.randrange(len(real_docno))]
        else:
            prefix = ag[3] if r < 0.85 else OTHER_DOCNO[rng.randrange(len(OTHER_DOCNO))]
            doc_no = "%s〔%d〕%d号" % (prefix, year, 1 + int(rng.expovariate(1 / 60)) % 400)
        # a body of a few hundred characters: consecutive paragraphs from a
        # random one, cut at a random offset in the first
        want = rng.randint(150, 450)
        k = rng.randrange(len(paras))
        parts, size = [], 0
        first = paras[k][rng.randrange(max(1, len(paras[k]) // 2)):]
        for p in [first] + paras[k + 1:]:
            parts.append(p[:want - size])
            size += len(parts[-1])
            if size >= want:
                break
        body = "\n".join(parts)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        key = (ag[0], year)
        serial[key] = serial.get(key, 0) + 1
        yield {
            "index_no": "%s/%d-%05d" % (ag[0], year, serial[key]),
            "agency": ag[0],
            "title": title,
            "doc_no": doc_no,
            "topic": TOPICS[rng.randrange(len(TOPICS))],
            "genre": GENRES[rng.randrange(len(GENRES))],
            "written": "%d-%02d-%02d" % (year, month, day),
            "published": "%d-%02d-%02d" % (year, month, day),
            "validity": "valid",
            "body": body,
        }


def clean(s):
    """A substring usable as one query word: no spaces, no quotes."""
    return not re.search(r"[\s\"\u3000]", s) and len(re.findall(r"[\u4e00-\u9fff]", s)) >= 2


def make_queries(root, sample, seed):
    rng = random.Random(seed + 1)
    texts = [it["title"] + "\n" + it["doc_no"] + "\n" + it["body"] for it in sample]
    joined = "\n".join(texts) + "\n" + "\n".join(a[2] for a in AGENCIES)
    q = []

    def substr(lo, hi, count, kind):
        got = 0
        while got < count:
            t = texts[rng.randrange(len(texts))]
            size = rng.randint(lo, hi)
            if len(t) <= size:
                continue
            at = rng.randrange(len(t) - size)
            s = t[at:at + size]
            if clean(s):
                q.append((kind, s))
                got += 1

    words = []
    with open(os.path.join(root, "jieba-dict", "dict.txt"), encoding="utf-8") as f:
        for line in f:
            w = line.split(" ", 1)[0]
            if len(w) == 2 and re.fullmatch(r"[\u4e00-\u9fff]{2}", w) and w not in COMMON:
                words.append(w)
    rng.shuffle(words)
    w2 = []
    for w in words:
        if w in joined:
            w2.append(w)
            if len(w2) == 70:
                break
    q += [("word2", w) for w in w2]
    substr(3, 4, 60, "sub3-4")
    substr(6, 8, 50, "sub6-8")
    q += [("common", w) for w in COMMON]
    docnos = [it["doc_no"] for it in sample if it["doc_no"]]
    for _ in range(40):
        d = docnos[rng.randrange(len(docnos))]
        m = re.fullmatch(r"(.+?)(〔\d+〕)(\d+号)", d)
        if not m:
            q.append(("docno", d))
            continue
        pick = rng.randrange(4)
        q.append(("docno", [m.group(3), m.group(1) + m.group(2), d, m.group(2) + m.group(3)][pick]))
    for a in rng.sample(AGENCIES, 20):
        q.append(("agency", a[2]))
    for short in ["环境保护局", "人民政府办公室", "卫生健康委员会", "市场监督管理局", "阳高县"]:
        q.append(("agency", short))
    tokens = {}
    for t in re.findall(r"[A-Za-z][A-Za-z0-9]+|\d{2,}", joined):
        tokens[t] = tokens.get(t, 0) + 1
    latin = sorted(t for t in tokens if re.search(r"[A-Za-z]", t))
    digits = sorted(t for t in tokens if t.isdigit() and tokens[t] >= 3)
    pick = rng.sample(latin, min(6, len(latin))) + rng.sample(digits, 6)
    pick += [p.upper() if p.islower() else p.lower() for p in pick[:2]]  # folded case
    # full-width forms, which match their ASCII
    pick.append("".join(chr(ord(c) + 0xFEE0) for c in pick[-1]))
    q += [("latin", p) for p in pick[:15]]
    while sum(1 for k, _ in q if k == "two") < 25:
        t = texts[rng.randrange(len(texts))]
        if len(t) < 40:
            continue
        a, b = rng.randrange(len(t) - 4), rng.randrange(len(t) - 4)
        x, y = t[a:a + rng.randint(2, 4)], t[b:b + rng.randint(2, 4)]
        if clean(x) and clean(y) and x != y:
            q.append(("two", x + " " + y))
    return q


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: search_corpus.py DATA_DIR N SEED OUTDIR")
    root, n, seed, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    os.makedirs(out, exist_ok=True)
    sample = []
    with open(os.path.join(out, "items.jsonl"), "w", encoding="utf-8") as f:
        for i, it in enumerate(make_items(root, n, seed)):
            if i < 20000:
                sample.append(it)
            f.write(json.dumps(it, ensure_ascii=False, separators=(",", ":")) + "\n")
    with open(os.path.join(out, "agencies.tsv"), "w", encoding="utf-8") as f:
        for code, parent, name, _ in AGENCIES:
            f.write("%s\t%s\t%s\n" % (code, parent, name))
    with open(os.path.join(out, "queries.tsv"), "w", encoding="utf-8") as f:
        for kind, text in make_queries(root, sample, seed):
            f.write("%s\t%s\n" % (kind, text))


if __name__ == "__main__":
    main()
