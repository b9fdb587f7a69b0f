#!/usr/bin/env python3
"""Generate a synthetic plansite site (and optionally the same content as a Hugo site).

    python3 bench/gen.py --plans 1000 --seed 1 --out /tmp/site [--hugo /tmp/hugo-site] [--jobs 2]
                         [--git COMMITS [--git-fraction 0.1]] [--no-tasks] [--no-reported]

Everything is derived from the repository's own content, read at start-up:

* the five bundled plans (content/plans/*/index.md and index.en.md) give pools of
  real sentences, heading titles and box (专栏) items, in Chinese and in English;
* indicators/ (the catalogue), content/topics.yaml and content/glossary.yaml are
  copied unchanged, so ids and glossary checks behave as on the real site.

Each plan is built from a random generator seeded with (seed, plan number) only,
so the same --plans and --seed give byte-identical files, independent of --jobs,
and plan k is generated the same way whatever the total. Jurisdictions depend on
--plans (one per ~5 plans, between 10 and 3,000).

The Chinese body of a plan is ~20 KB of UTF-8 (about 15-26 KB): an
optional transmittal notice, numbered sections (## 一、 / ### (一) / #### 1.),
paragraphs recombined from real sentences with the jurisdiction's name
substituted, a GFM indicator table and one to three `> [!BOX]` boxes. About 30%
of plans get index.en.md with the *same block structure* (same sequence of block
kinds and heading levels), which plansite's alignment check requires; its text
is recombined from real English sentences of the bundled translations.

Front-matter `passage` values are exact text of the generated body: indicator
passages are the start of their table row (`名称(单位) | 基期值`), topic
passages are whole sentences placed in a paragraph.

--git COMMITS makes the site a git repository: one commit of the whole corpus,
then COMMITS commits, each correcting the first target of a fraction
(--git-fraction, default 0.1) of the plans, chosen from (seed, commit) only.
Commits are dated one day apart from 2026-01-01 and authored by a fixed name,
so the repository's history is the same on every run. It measures what reading
the history costs a build: build the site, then the same tree without .git.
Tasks with responsible agencies (unless --no-tasks): up to six paragraphs of
each plan's numbered sections end with a responsible-unit note, as Changzhou's
and Gansu's do: `(责任单位:市知识产权局、市科技局,各区县人民政府)` in cities,
`(牵头部门:省知识产权局;配合部门:省财政厅)` in provinces, the translation with
the matching `(Responsible: …)` / `(Lead: …; Supporting: …)`. The names are drawn
from content/agencies.yaml, generated with six agencies and one group per
jurisdiction. They use a generator of their own, so --no-tasks writes exactly
the plans that earlier versions of this script wrote.
Each plan also reports 2-4 of its indicators at the end of the year before its
baselines, in a review paragraph (`截至YYYY年底,…`, with 余/约 qualifiers) and as
`reported:` entries whose passages are exact text of it, so the cost of reported
figures shows in a benchmark. --no-reported leaves them out: the plans are then
byte-identical to those of a generator without them.

--hugo DIR writes a Hugo site from the same Markdown: hugo.toml, the layouts
in bench/hugo/layouts, and content/ hard-linked (copied if linking fails) from
the plansite site, so both tools read identical bytes.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# ----------------------------------------------------------------------------
# Corpus: pools of real text from the bundled plans
# ----------------------------------------------------------------------------

# Placeholders for names, substituted per plan. \x01 full name of the plan's
# jurisdiction, \x02 its short name, \x03 full name of its province, \x04 the
# province's short name. English uses \x05 (short English name) and \x06 (the
# province's short English name).
ZH_NAMES = [
    # longest first: the alternation below is tried left to right
    ("内蒙古自治区", "\x03"), ("东北地区", "\x01"), ("東北地區", "\x01"),
    ("包头市", "\x01"), ("常州市", "\x01"), ("甘肃省", "\x01"), ("河南省", "\x01"),
    ("甘肅省", "\x01"), ("江苏省", "\x03"),
    ("内蒙古", "\x04"), ("江苏", "\x04"),
    ("包头", "\x02"), ("常州", "\x02"), ("甘肃", "\x02"), ("甘肅", "\x02"),
    ("河南", "\x02"), ("东北", "\x02"), ("東北", "\x02"),
]
EN_NAMES = [
    ("Inner Mongolia", "\x06"), ("Jiangsu", "\x06"),
    ("Baotou", "\x05"), ("Changzhou", "\x05"), ("Gansu", "\x05"), ("Henan", "\x05"),
]
ZH_NAME_RE = re.compile("|".join(re.escape(a) for a, _ in ZH_NAMES))
ZH_NAME_MAP = dict(ZH_NAMES)
EN_NAME_RE = re.compile(r"\b(?:" + "|".join(re.escape(a) for a, _ in EN_NAMES) + r")\b")
EN_NAME_MAP = dict(EN_NAMES)

# Characters that Markdown could turn into markup (emphasis, links, HTML,
# entities, tables, code, strikethrough); sentences holding any are not used,
# so the plain text of a block is exactly the text written.
UNSAFE = re.compile(r"[*_`\[\]<>|#\\~&$]")
# Sentence starts that Markdown reads as a list, heading, quote or break.
UNSAFE_START = re.compile(r"^(?:\d+[.)]|[-+>=]|\s)")

ZH_SENT = re.compile(r"[^。；！？]+[。；！？]")
EN_SENT = re.compile(r"(?<=[.;!?])\s+(?=[A-Z\"“(])")
ZH_NUM = re.compile(r"^(?:[一二三四五六七八九十]+、|[((][一二三四五六七八九十\d]+[))]|\d+[.、]\s*)\s*")
EN_NUM = re.compile(r"^(?:[IVXL]+\.\s+|\(\d+\)\s*|\d+\.\s+)")
BOX_ZH = re.compile(r"^>\s*\[!BOX\]\s*专栏\s*\d+\s*")
BOX_EN = re.compile(r"^>\s*\[!BOX\]\s*Box\s*\d+\s*")


def body_of(text: str) -> str:
    """The Markdown after the front matter."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        return text[end + 4:] if end >= 0 else text
    return text


def chunks(body: str) -> list[str]:
    """Blank-line separated chunks (a box, a table or a list stays whole)."""
    return [c.strip("\n") for c in re.split(r"\n\s*\n", body) if c.strip()]


def load_corpus() -> dict:
    zh_sent, en_sent = [], []
    zh_head = {2: [], 3: [], 4: []}
    en_head = {2: [], 3: [], 4: []}
    zh_box_title, en_box_title, zh_box_item, en_box_item = [], [], [], []
    skip_heads = {"印发通知", "印發通知", "Transmittal notice"}
    for plan in sorted((REPO / "content" / "plans").glob("*/index.md")):
        for path, lang in ((plan, "zh"), (plan.with_name("index.en.md"), "en")):
            if not path.exists():
                continue
            for c in chunks(body_of(path.read_text(encoding="utf-8"))):
                first = c.split("\n", 1)[0]
                if first.startswith("#"):
                    level = len(first) - len(first.lstrip("#"))
                    title = first.lstrip("#").strip()
                    title = (ZH_NUM if lang == "zh" else EN_NUM).sub("", title).strip()
                    if title and title not in skip_heads and level in zh_head and not UNSAFE.search(title):
                        (zh_head if lang == "zh" else en_head)[level].append(title)
                elif first.startswith("> [!BOX]"):
                    title = (BOX_ZH if lang == "zh" else BOX_EN).sub("", first).strip()
                    if title and not UNSAFE.search(title):
                        (zh_box_title if lang == "zh" else en_box_title).append(title)
                    for line in c.split("\n")[1:]:
                        item = re.sub(r"^>\s*(?:\d+\.\s*|-\s*)?", "", line).strip()
                        if len(item) > 8 and not UNSAFE.search(item):
                            (zh_box_item if lang == "zh" else en_box_item).append(item)
                elif first.startswith(("|", ">", "***", "---", "- ", "```")) or re.match(r"^\d+\.", first):
                    continue
                else:
                    text = c.replace("**", "").replace("\n", "" if lang == "zh" else " ")
                    if lang == "zh":
                        for s in ZH_SENT.findall(text):
                            s = s.strip()
                            if 12 <= len(s) <= 220 and not UNSAFE.search(s) and not UNSAFE_START.match(s):
                                zh_sent.append(s)
                    else:
                        for s in EN_SENT.split(text):
                            s = s.strip()
                            if 30 <= len(s) <= 600 and s[-1] in ".;" and not UNSAFE.search(s) \
                                    and not UNSAFE_START.match(s):
                                en_sent.append(s)
    # Names of the seeds' jurisdictions become placeholders once, here.
    zh_sub = lambda s: ZH_NAME_RE.sub(lambda m: ZH_NAME_MAP[m.group(0)], s)
    en_sub = lambda s: EN_NAME_RE.sub(lambda m: EN_NAME_MAP[m.group(0)], s)
    corpus = {
        "zh_sent": [zh_sub(s) for s in zh_sent],
        # English text appears only in translations, which carry the
        # figures of their Chinese blocks (`carry_figures`): English pools
        # hold no figures of their own.
        "en_sent": [en_sub(s) for s in en_sent if not has_figure(s)],
        "zh_head": {k: [zh_sub(s) for s in v] for k, v in zh_head.items()},
        "en_head": {k: [en_sub(s) for s in v if not has_figure(s)] for k, v in en_head.items()},
        "zh_box_title": [zh_sub(s) for s in zh_box_title],
        "en_box_title": [en_sub(s) for s in en_box_title if not has_figure(s)],
        "zh_box_item": [zh_sub(s) for s in zh_box_item],
        "en_box_item": [en_sub(s) for s in en_box_item if not has_figure(s)],
    }
    for k, v in corpus.items():
        if not v or (isinstance(v, dict) and not all(v.values())):
            sys.exit(f"gen.py: empty corpus pool {k}; are the bundled plans present under {REPO}/content/plans?")
    # Topic passages: sentences that name the topic (without responsibility
    # notes, whose markup could differ from the plain text).
    topics = parse_topics((REPO / "content" / "topics.yaml").read_text(encoding="utf-8"))
    by_topic = {}
    for tid, label in topics:
        keys = [label, label.removeprefix("知识产权"), label[:2]]
        for key in keys:
            found = [s for s in corpus["zh_sent"] if key in s and "责任单位" not in s]
            if found:
                by_topic[tid] = found
                break
    corpus["topic_sent"] = by_topic
    corpus["catalogue"] = load_catalogue()
    return corpus


def parse_topics(text: str) -> list[tuple[str, str]]:
    """(id, zh label) of each `- {id: …, zh: …, en: …}` line of topics.yaml."""
    out = []
    for m in re.finditer(r"^- \{id: ([a-z0-9-]+), zh: ([^,}]+),", text, re.M):
        out.append((m.group(1), m.group(2).strip()))
    return out


def load_catalogue() -> list[dict]:
    """The fields of indicators/*.yaml that values are generated from (a tiny
    reader for the flat layout those files use; no YAML library needed)."""
    out = []
    for path in sorted((REPO / "indicators").glob("*.yaml")):
        t = path.read_text(encoding="utf-8")

        def sub(block: str, lang: str) -> str:
            m = re.search(rf"^{block}:\s*\n\s+{lang}:\s*\"?([^\"\n]*)\"?", t, re.M)
            return m.group(1).strip() if m else ""

        kind = re.search(r"^kind:\s*(\S+)", t, re.M).group(1)
        direction = (re.search(r"^direction:\s*(\S+)", t, re.M) or [None, "higher"])[1]
        out.append({
            "id": path.stem, "zh": sub("name", "zh"), "en": sub("name", "en"),
            "unit_zh": sub("unit", "zh"), "unit_en": sub("unit", "en"),
            "kind": kind, "direction": direction,
        })
    return out


# ----------------------------------------------------------------------------
# Jurisdictions
# ----------------------------------------------------------------------------

NAME_CHARS = (
    "安an 平ping 宁ning 康kang 泰tai 兴xing 华hua 新xin 江jiang 东dong 南nan 西xi 北bei 中zhong "
    "山shan 川chuan 湖hu 海hai 云yun 林lin 阳yang 昌chang 德de 丰feng 庆qing 福fu 嘉jia 金jin "
    "玉yu 宝bao 清qing 白bai 红hong 龙long 凤feng 鹤he 松song 柳liu 桂gui 梅mei 兰lan 泉quan "
    "溪xi 源yuan 城cheng 峰feng 岭ling 台tai 岳yue 汉han 秦qin 晋jin 鲁lu 吴wu 越yue 楚chu "
    "蜀shu 滇dian 黔qian 临lin 永yong 长chang 广guang 武wu 文wen 明ming 宜yi 万wan 乐le 盛sheng "
    "荣rong 恒heng 通tong 远yuan 定ding 靖jing 瑞rui 祥xiang"
).split()
NAME_CHARS = [(w[0], w[1:]) for w in NAME_CHARS]
CENSUS = ("第七次全国人口普查(2020年11月1日零时)", "Seventh National Population Census (1 November 2020)")


def jurisdictions(n_plans: int, seed: int) -> list[dict]:
    """Synthetic provinces and cities (plansite's levels are nation, region,
    province and city; there is no county level), all under `china`."""
    rng = random.Random(f"jurisdictions:{seed}")
    total = max(10, min(3000, n_plans // 5))
    n_prov = max(3, min(34, total // 30))
    pairs = [(a, b) for a in NAME_CHARS for b in NAME_CHARS if a[0] != b[0]]
    rng.shuffle(pairs)
    seen_ids, out = {"china"}, []
    for a, b in pairs:
        if len(out) == total:
            break
        jid = a[1] + b[1]
        if jid in seen_ids:
            continue
        seen_ids.add(jid)
        short_zh, short_en = a[0] + b[0], a[1].capitalize() + b[1]
        prov = len(out) < n_prov
        out.append({
            "id": jid, "short_zh": short_zh, "short_en": short_en,
            "zh": short_zh + ("省" if prov else "市"),
            "en": short_en + (" Province" if prov else ""),
            "level": "province" if prov else "city",
            "parent": "china" if prov else None,
            "population": rng.randint(3_000_000, 99_000_000) if prov else rng.randint(400_000, 18_000_000),
        })
    if len(out) < total:
        sys.exit(f"gen.py: only {len(out)} distinct jurisdiction names available")
    provinces = out[:n_prov]
    for j in out[n_prov:]:
        j["parent"] = provinces[rng.randrange(n_prov)]["id"]
    return out


def jurisdiction_md(j: dict, by_id: dict) -> str:
    parent = by_id.get(j["parent"])
    desc = f"{j['zh']}是{parent['zh']}的地级市。" if parent else f"{j['zh']}是合成的省级行政区。"
    return (
        "---\n"
        f"name: {{zh: {q(j['zh'])}, en: {q(j['en'])}}}\n"
        f"level: {j['level']}\n"
        f"parent: {j['parent']}\n"
        f"population: {{year: 2020, value: {j['population']}, source: {q(CENSUS[0])}, source_en: {q(CENSUS[1])}}}\n"
        "---\n"
        f"{desc}本条目为基准测试生成的虚构地区。\n"
    )


def q(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


# ----------------------------------------------------------------------------
# Plans
# ----------------------------------------------------------------------------

ZH_NUMS = "一二三四五六七八九十"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

KINDS = [
    # doc_type, zh title suffix, en title suffix, issuer abbreviation
    ("plan", "“十四五”知识产权保护和运用规划", "14th Five-Year Plan for Intellectual Property Protection and Use", "市监发"),
    ("plan", "知识产权事业发展规划", "Plan for the Development of Intellectual Property", "知发"),
    ("work_plan", "知识产权强{lv}建设试点工作方案", "Work Plan for the IP-Strong {LV} Pilot", "政办发"),
    ("work_plan", "专利转化运用专项行动实施方案", "Implementation Plan for the Special Action on Patent Commercialisation", "知发"),
    ("opinions", "关于强化知识产权保护的实施意见", "Implementing Opinions on Strengthening IP Protection", "政发"),
    ("opinions", "关于加快建设知识产权强{lv}的若干意见", "Opinions on Accelerating the Building of an IP-Strong {LV}", "政发"),
]


def zh_number(k: int) -> str:
    """Chinese numeral for 1..99: 1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五."""
    if k <= 10:
        return ZH_NUMS[k - 1]
    tens, ones = divmod(k, 10)
    return (ZH_NUMS[tens - 1] if tens > 1 else "") + "十" + (ZH_NUMS[ones - 1] if ones else "")


def fmt(v: float) -> str:
    """A value as printed in the table and in the front matter."""
    if v >= 100:
        return str(int(round(v)))
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return s or "0"


def gen_values(rng: random.Random, ind: dict, years: int) -> dict:
    """Baseline and target for one catalogue indicator, plausible for its kind
    and unit, with the growth rate stated in the basis matching the figures."""
    kind, unit = ind["kind"], ind["unit_zh"]
    e = {"baseline": None, "target": None, "basis": None, "cumulative": False,
         "attribute": "binding" if rng.random() < 0.15 else "expected", "comparator": "="}
    if kind in ("rate", "ratio") and unit in ("%", "个百分点"):
        b = round(rng.uniform(5, 85), 1)
        t = round(min(100.0, b + rng.uniform(2, 25)), 1)
        e["baseline"], e["target"] = float(fmt(b)), float(fmt(t))
    elif kind == "score":
        b = round(rng.uniform(60, 85), 1)
        e["baseline"], e["target"] = float(fmt(b)), float(fmt(min(99.0, b + rng.uniform(1, 10))))
    elif kind == "cumulative":
        scale = {"亿元": rng.uniform(5, 300), "人次": rng.uniform(2_000, 200_000)}.get(unit, rng.uniform(5, 5_000))
        e["target"] = float(fmt(scale))
        e["cumulative"] = True
        e["comparator"] = rng.choice(["=", "≥"])
    else:
        if "每万" in ind["zh"] or "万企" in ind["zh"] or "(每" in ind["zh"] or "每个" in ind["zh"]:
            b = rng.uniform(0.5, 40)
        elif unit == "亿元":
            b = rng.uniform(0.5, 500)
        elif unit in ("家", "个", "人"):
            b = rng.uniform(3, 2_000)
        else:
            b = rng.uniform(50, 200_000)
        g = rng.uniform(0.03, 0.25)
        b = float(fmt(b))
        t = float(fmt(b * (1 + g) ** years))
        if t <= b:
            t = float(fmt(b + 1))
        e["baseline"], e["target"] = b, t
        if rng.random() < 0.7:
            implied = (t / b) ** (1 / years) - 1
            e["rate"] = f"{implied * 100:.2f}%"
            e["basis"] = f"按照年均增长率{e['rate']}计算"
    return e


class Doc:
    """The blocks of one plan in Chinese and, when wanted, English, kept in
    step so both have the same block structure."""

    def __init__(self, with_en: bool):
        self.zh: list[str] = []
        self.en: list[str] | None = [] if with_en else None
        self.size = 0

    def add(self, zh: str, en) -> None:
        self.zh.append(zh)
        self.size += len(zh.encode("utf-8"))
        if self.en is not None:
            self.en.append(en() if callable(en) else en)


def plan_files(k: int, seed: int, juris: list[dict], by_id: dict, corpus: dict):
    """(slug, index.md text, index.en.md text or None) of plan number k."""
    rng = random.Random(f"plan:{seed}:{k}")
    j = juris[rng.randrange(len(juris))]
    prov = j if j["level"] == "province" else by_id[j["parent"]]
    doc_type, t_zh, t_en, abbr = KINDS[rng.randrange(len(KINDS))]
    year = rng.randint(2016, 2024)
    start, end = (year, year + 4) if doc_type == "plan" else (year, year + rng.randint(2, 4))
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    issued = f"{year}-{month:02d}-{day:02d}"
    pub_day = min(28, day + rng.randint(0, 10))
    published = f"{year}-{month:02d}-{pub_day:02d}"
    prov_level = j["level"] == "province"
    title = j["zh"] + t_zh.replace("{lv}", "省" if prov_level else "市")
    title_en = f"{j['en']} " + t_en.replace("{LV}", "Province" if prov_level else "City")
    slug = f"{j['id']}-{doc_type.replace('_', '-')}-{year}-{k:06d}"
    issuers = [f"{j['zh']}人民政府"] if doc_type == "opinions" else [f"{j['zh']}市场监督管理局", f"{j['zh']}知识产权局"]
    issuers_en = [f"{j['en']} People's Government"] if doc_type == "opinions" else \
        [f"{j['en']} Administration for Market Regulation", f"{j['en']} Intellectual Property Office"]
    doc_number = f"{j['short_zh']}{abbr}〔{year}〕{rng.randint(1, 400)}号"
    addressees = "各市(州)人民政府,省直各有关单位" if j["level"] == "province" else "各县(市、区)人民政府,市直各有关单位"
    with_en = rng.random() < 0.30
    # The Chinese body lands at ~10 KB; with the front matter and an English
    # file for 30% of plans, a plan averages ~20 KB of Markdown, the size of
    # the corpus the performance goals are stated for.
    target_bytes = rng.randint(5_000, 9_500)

    zh_sent, en_sent = corpus["zh_sent"], corpus["en_sent"]
    subs_zh = {"\x01": j["zh"], "\x02": j["short_zh"], "\x03": prov["zh"], "\x04": prov["short_zh"]}
    subs_en = {"\x05": j["short_en"], "\x06": prov["short_en"]}
    zh_fill = lambda s: re.sub("[\x01-\x04]", lambda m: subs_zh[m.group(0)], s)
    en_fill = lambda s: re.sub("[\x05\x06]", lambda m: subs_en[m.group(0)], s)

    # Indicators (distinct catalogue entries) and topics (with a sentence each).
    cat = corpus["catalogue"]
    inds = rng.sample(cat, rng.randint(5, min(12, len(cat))))
    topic_ids = sorted(corpus["topic_sent"])
    topics = rng.sample(topic_ids, rng.randint(3, min(8, len(topic_ids))))
    topic_sent = {t: rng.choice(corpus["topic_sent"][t]) for t in topics}
    # The passage is the sentence without its final mark (a paragraph's last
    # "；" is turned into "。").
    topic_passage = {t: s[:-1] for t, s in topic_sent.items()}
    pending_topics = list(topics)

    d = Doc(with_en)
    tasks = TaskNotes(seed, k, j) if corpus.get("tasks") else None
    in_sections = [False]  # notes go in the numbered sections only
    reported: list = []

    def en_para(n: int) -> str:
        return " ".join(rng.choice(en_sent) for _ in range(n))

    def para() -> None:
        n = rng.randint(2, 6)
        parts = [rng.choice(zh_sent) for _ in range(n)]
        # Topic sentences go into early paragraphs, all of them before the
        # body is half full, so they never make it longer.
        if pending_topics and (rng.random() < 0.5 or d.size > target_bytes // 2):
            parts.insert(rng.randrange(len(parts) + 1), topic_sent[pending_topics.pop(0)])
        text = "".join(parts)
        if text.endswith("；"):
            text = text[:-1] + "。"
        note = tasks.next() if tasks is not None and in_sections[0] else None
        if note is not None:
            d.add(text + note[0], lambda: carry_figures(text, en_para(n)) + note[1])
            return
        d.add(text, lambda: carry_figures(text, en_para(n)))

    # Transmittal notice, as in the bundled plans (half of them).
    if rng.random() < 0.5:
        d.add("## 印发通知", "## Transmittal notice")
        d.add(f"{issuers[0]}关于印发《{title}》的通知", f"Notice of the {issuers_en[0]} on Issuing the {title_en}")
        d.add(f"({doc_number})", f"({j['short_en']} ({year}) No. {doc_number.split('〕')[1].rstrip('号')})")
        d.add(addressees + ":", "To all the relevant bodies:")
        para()
        d.add(" ".join(issuers), ", ".join(issuers_en))
        d.add(f"{year}年{month}月{day}日", f"{issuers_en[0]}, {issued}")
        d.add("***", "***")

    for _ in range(rng.randint(1, 2)):
        para()

    # Numbered sections until the body reaches its size; the indicator table
    # goes in the first section, boxes into random later ones.
    n_boxes = rng.randint(1, 3)
    box_no = 0
    sec = 0
    table_done = False
    h3 = 0
    def done() -> bool:
        return d.size >= target_bytes and table_done and box_no >= n_boxes and not pending_topics

    in_sections[0] = True
    while not done():
        sec += 1
        d.add(f"## {zh_number(sec) if sec < 100 else sec}、{rng.choice(corpus['zh_head'][2])}",
              lambda: f"## {ROMAN[sec - 1] if sec <= len(ROMAN) else sec}. {rng.choice(corpus['en_head'][2])}")
        para()
        if not table_done and _W.get("reported", True):
            review_zh, review_en, reported = review(random.Random(f"reported:{seed}:{k}"), inds, start - 2)
            d.add(review_zh, review_en)
        if not table_done:
            d.add(f"到{end}年,{j['zh']}知识产权主要指标如下表。",
                  f"By {end}, the main IP indicators of {j['short_en']} are as set out in the table below.")
            table_zh, table_en, entries = indicator_table(rng, inds, start - 1, end)
            d.add(table_zh, table_en)
            table_done = True
        for _ in range(rng.randint(1, 3)):
            if done():
                break
            h3 += 1
            d.add(f"### ({zh_number(h3) if h3 < 100 else h3}){rng.choice(corpus['zh_head'][3])}",
                  lambda: f"### ({h3}) {rng.choice(corpus['en_head'][3])}")
            para()
            if rng.random() < 0.5:
                for h4 in range(1, rng.randint(2, 4)):
                    d.add(f"#### {h4}. {rng.choice(corpus['zh_head'][4])}",
                          lambda: f"#### {h4}. {rng.choice(corpus['en_head'][4])}")
                    for _ in range(rng.randint(1, 2)):
                        para()
            else:
                for _ in range(rng.randint(1, 3)):
                    para()
            if box_no < n_boxes and (rng.random() < 0.4 or d.size > target_bytes * 2 // 3):
                box_no += 1
                zh_box = box(rng, corpus, box_no, "zh")
                d.add(zh_box, lambda: carry_figures(zh_box, box(rng, corpus, box_no, "en")))
        if sec > 200:  # safety net; never reached with the bundled corpus
            break

    zh_body = zh_fill("\n\n".join(d.zh)) + "\n"
    en_body = en_fill("\n\n".join(d.en)) + "\n" if d.en is not None else None

    # Front matter.
    fm = [
        "---",
        f"title: {q(title)}",
        f"jurisdiction: {j['id']}",
        f"doc_type: {doc_type}",
        "issuers:",
        *[f"  - {q(x)}" for x in issuers],
        f"doc_number: {q(doc_number)}",
        f"date_issued: {issued}",
        f"date_published: {published}",
        f"period: {{start: {start}, end: {end}}}",
        f"addressees: {q(addressees)}",
        "source:",
        f"  description: {q('基准测试合成文本:由 bench/gen.py 从随附规划的真实句子重组生成(虚构)')}",
        "  retrieved: 2026-01-01",
        "topics:",
    ]
    for t in topics:
        fm += [f"  - id: {t}", f"    passage: {q(zh_fill(topic_passage[t]))}"]
    fm.append("indicators:")
    for ind, e, passage in entries:
        fm += [f"  - id: {ind['id']}", f"    label: {q(ind['zh'])}", f"    unit: {q(ind['unit_zh'])}"]
        if e["baseline"] is not None:
            fm.append(f"    baseline: {{year: {start - 1}, value: {fmt(e['baseline'])}}}")
        if e["target"] is not None:
            fm.append(f"    target: {{year: {end}, value: {fmt(e['target'])}, comparator: {q(e['comparator'])}}}")
        fm.append(f"    attribute: {e['attribute']}")
        if e["cumulative"]:
            fm.append("    cumulative: true")
        if e["basis"]:
            fm.append(f"    basis: {q(e['basis'])}")
        fm.append(f"    passage: {q(passage)}")
    if reported:
        fm.append("reported:")
        for ind, value, qualifier, year_, passage in reported:
            fm += [f"  - id: {ind['id']}", f"    label: {q(ind['zh'])}", f"    value: {value}",
                   f"    unit: {q(ind['unit_zh'])}", f"    year: {year_}"]
            if qualifier:
                fm.append(f"    qualifier: {qualifier}")
            fm.append(f"    passage: {q(passage)}")
    fm.append("---")
    zh_text = "\n".join(fm) + "\n\n" + zh_body

    en_text = None
    if en_body is not None:
        en_fm = [
            "---",
            f"title: {q(title_en)}",
            "issuers: [" + ", ".join(q(x) for x in issuers_en) + "]",
            "translation_note: "
            + q("Synthetic benchmark text recombined from real translated sentences by bench/gen.py; fictitious."),
            "---",
        ]
        en_text = "\n".join(en_fm) + "\n\n" + en_body
    return slug, zh_text, en_text


def review(rng: random.Random, inds: list[dict], year: int):
    """A paragraph reporting 2-4 of the plan's indicators at the end of `year`
    (the year before the baselines, so no reported value repeats a baseline),
    in both languages, and the `reported:` entries with their passages.
    Drawn from a generator of its own, so `--no-reported` leaves every other
    byte of the plan as it was."""
    levels = [i for i in inds if i["kind"] != "cumulative"]
    picks = rng.sample(levels, min(len(levels), rng.randint(2, 4)))
    zh, en, out = [], [], []
    for ind in picks:
        e = gen_values(rng, ind, 5)
        value = fmt(max(0.1, e["baseline"] * rng.uniform(0.7, 0.95)))
        qualifier = rng.choice([None, None, "more_than", "about"])
        before, after = ("约", "") if qualifier == "about" else ("", "余" if qualifier == "more_than" else "")
        passage = f"{ind['zh']}{before}{value}{after}{ind['unit_zh']}"
        zh.append(passage)
        en.append(f"{ind['en']}: {'about ' if qualifier == 'about' else 'more than ' if qualifier else ''}{value} {ind['unit_en']}")
        out.append((ind, value, qualifier, year, passage))
    return (f"截至{year}年底,\x01" + ",".join(zh) + "。",
            f"By the end of {year}, in \x05: " + "; ".join(en) + ".", out)


def indicator_table(rng: random.Random, inds: list[dict], base_year: int, target_year: int):
    """The GFM indicator table in both languages and the front-matter entries."""
    years = target_year - base_year
    zh = [f"| 指标 | {base_year}年 | {target_year}年 | 属性 | 备注 |", "|---|---|---|---|---|"]
    en = [f"| Indicator | {base_year} | {target_year} | Attribute | Notes |", "|---|---|---|---|---|"]
    entries = []
    for ind in inds:
        e = gen_values(rng, ind, years)
        b = fmt(e["baseline"]) if e["baseline"] is not None else "-"
        t = ("≥" if e["comparator"] == "≥" else "") + fmt(e["target"])
        attr_zh = "约束性" if e["attribute"] == "binding" else "预期性"
        attr_en = "Binding" if e["attribute"] == "binding" else "Expected"
        basis_zh = e["basis"] or ("期内累计" if e["cumulative"] else "-")
        basis_en = "-"
        if e["basis"]:
            basis_en = "Calculated at an average annual growth rate of " + e["rate"]
        elif e["cumulative"]:
            basis_en = "Cumulative over the period"
        label = f"{ind['zh']}({ind['unit_zh']})"
        zh.append(f"| {label} | {b} | {t} | {attr_zh} | {basis_zh} |")
        en.append(f"| {ind['en']} ({ind['unit_en']}) | {b} | {t} | {attr_en} | {basis_en} |")
        # The plain text of a table row joins its cells with " | ".
        # The passage runs to the cell that states a value: the target's
        # where there is no baseline (plansite checks that it states one).
        entries.append((ind, e, f"{label} | {b}" if e["baseline"] is not None else f"{label} | {b} | {t}"))
    return "\n".join(zh), "\n".join(en), entries


FIGURE_RE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")


def has_figure(s: str) -> bool:
    return FIGURE_RE.search(s) is not None


def carry_figures(zh: str, en: str) -> str:
    """`en` with the figures of `zh` it lacks added at its end, in brackets,
    so that an aligned pair states the same numbers (list numbering and the
    box number excepted, as plansite reads them)."""
    body = re.sub(r"^> \d+\. ", "> ", zh, flags=re.M)
    body = re.sub(r"专栏\d+", "", body)
    en_plain = re.sub(r"^> \d+\. ", "> ", en, flags=re.M)
    en_plain = re.sub(r"Box \d+", "", en_plain)
    have = set(FIGURE_RE.findall(en_plain))
    figures = [f for f in FIGURE_RE.findall(body) if f not in have]
    return f"{en} ({', '.join(figures)})" if figures else en


def box(rng: random.Random, corpus: dict, no: int, lang: str) -> str:
    """A `> [!BOX]` box (专栏) with a numbered list, as in the Baotou plan."""
    if lang == "zh":
        head = f"> [!BOX] 专栏{no} {rng.choice(corpus['zh_box_title'])}"
        pool = corpus["zh_box_item"]
    else:
        head = f"> [!BOX] Box {no} {rng.choice(corpus['en_box_title'])}"
        pool = corpus["en_box_item"]
    items = [f"> {i}. {rng.choice(pool)}" for i in range(1, rng.randint(3, 5) + 1)]
    return "\n".join([head, ">", *items])


# ----------------------------------------------------------------------------
# Tasks and agencies
# ----------------------------------------------------------------------------

# (id suffix, city name, province name, city short form, province short form,
#  English name after the jurisdiction's)
AGENCY_KINDS = [
    ("ipo", "知识产权局", "知识产权局", "市知识产权局", "省知识产权局", "Intellectual Property Office"),
    ("amr", "市场监督管理局", "市场监督管理局", "市市场监管局", "省市场监管局", "Administration for Market Regulation"),
    ("science", "科学技术局", "科学技术厅", "市科技局", "省科技厅", "Science and Technology"),
    ("finance", "财政局", "财政厅", "市财政局", "省财政厅", "Finance"),
    ("commerce", "商务局", "商务厅", "市商务局", "省商务厅", "Commerce"),
    ("justice", "司法局", "司法厅", "市司法局", "省司法厅", "Justice"),
]
# The group every plan may name: (city, province) in Chinese and English.
AGENCY_GROUP = (("各区县人民政府", "各市州人民政府"),
                ("people's governments of all districts and counties", "governments of all cities and prefectures"))


def agencies_yaml(juris: list[dict]) -> str:
    out = ["# Synthetic agency catalogue generated by bench/gen.py.", ""]
    for j in juris:
        prov = j["level"] == "province"
        for key, city, province, s_city, s_prov, en in AGENCY_KINDS:
            name = j["zh"] + (province if prov else city)
            out += [f"- id: {j['id']}-{key}", f"  jurisdiction: {j['id']}",
                    f"  level: {'provincial' if prov else 'municipal'}",
                    f"  name: {{zh: {q(name)}, en: {q(j['en'] + ' ' + en)}}}",
                    f"  aliases: [{q(s_prov if prov else s_city)}]"]
        g = AGENCY_GROUP[0][1 if prov else 0]
        out += [f"- id: {j['id']}-local-governments", "  kind: group", f"  jurisdiction: {j['id']}",
                f"  name: {{zh: {q(g)}, en: {q(AGENCY_GROUP[1][1 if prov else 0])}}}"]
    return "\n".join(out) + "\n"


class TaskNotes:
    """The responsible-unit notes of one plan, from a generator of their own."""

    def __init__(self, seed: int, k: int, j: dict):
        self.rng = random.Random(f"tasks:{seed}:{k}")
        self.prov = j["level"] == "province"
        self.left = self.rng.randint(3, 6)

    def next(self):
        """(zh, en) note for the next paragraph, or None."""
        if self.left == 0 or self.rng.random() > 0.35:
            return None
        self.left -= 1
        r, p = self.rng, self.prov
        picks = r.sample(AGENCY_KINDS, r.randint(1, 4))
        short = lambda kd: kd[4] if p else kd[3]
        en = lambda kd: ("Provincial " if p else "Municipal ") + kd[5]
        group_zh, group_en = AGENCY_GROUP[0][1 if p else 0], AGENCY_GROUP[1][1 if p else 0]
        if p and len(picks) > 1:
            lead, supp = picks[:1], picks[1:]
            return (f"(牵头部门:{short(lead[0])};配合部门:{'、'.join(short(x) for x in supp)})",
                    f" (Lead: {en(lead[0])}; Supporting: {', '.join(en(x) for x in supp)})")
        with_group = r.random() < 0.5
        zh = "、".join(short(x) for x in picks) + (f",{group_zh}" if with_group else "")
        en_ = "; ".join(en(x) for x in picks) + (f"; {group_en}" if with_group else "")
        return f"(责任单位:{zh})", f" (Responsible: {en_})"


# ----------------------------------------------------------------------------
# Writing
# ----------------------------------------------------------------------------

_W: dict = {}


def _init(args):
    _W.update(args)


def _write_range(rng_: tuple[int, int]) -> tuple[int, int, int]:
    """Writes plans lo..hi-1; returns (plans, en files, bytes)."""
    lo, hi = rng_
    out, n_en, nbytes = _W["out"], 0, 0
    for k in range(lo, hi):
        slug, zh, en = plan_files(k, _W["seed"], _W["juris"], _W["by_id"], _W["corpus"])
        d = out / "content" / "plans" / slug
        d.mkdir(parents=True, exist_ok=True)
        b = zh.encode("utf-8")
        (d / "index.md").write_bytes(b)
        nbytes += len(b)
        if en is not None:
            b = en.encode("utf-8")
            (d / "index.en.md").write_bytes(b)
            nbytes += len(b)
            n_en += 1
    return hi - lo, n_en, nbytes


SITE_YAML = """# Synthetic benchmark site generated by bench/gen.py (plans: {n}, seed: {seed}).
title:
  zh: 知识产权规划库(基准测试)
  en: IP Plans of China's Regions (benchmark)
description:
  zh: 由真实规划句子重组生成的合成规划,用于性能测试。
  en: Synthetic plans recombined from real plan sentences, for benchmarking.
base_url: https://plansite.example.org/
languages: [zh, en]
default_language: zh
publisher:
  zh: plansite 基准测试
  en: plansite benchmark
"""


def generate(n: int, seed: int, out: Path, jobs: int, tasks: bool = True, reported: bool = True) -> dict:
    t0 = time.time()
    if out.exists():
        shutil.rmtree(out)
    (out / "content" / "jurisdictions").mkdir(parents=True)
    (out / "content" / "plans").mkdir(parents=True)
    (out / "site.yaml").write_text(SITE_YAML.format(n=n, seed=seed), encoding="utf-8")
    shutil.copytree(REPO / "indicators", out / "indicators")
    for f in ("topics.yaml", "glossary.yaml"):
        shutil.copy2(REPO / "content" / f, out / "content" / f)
    shutil.copy2(REPO / "content" / "jurisdictions" / "china.md", out / "content" / "jurisdictions" / "china.md")

    corpus = load_corpus()
    corpus["tasks"] = tasks
    juris = jurisdictions(n, seed)
    by_id = {j["id"]: j for j in juris}
    if tasks:
        (out / "content" / "agencies.yaml").write_text(agencies_yaml(juris), encoding="utf-8")
    for j in juris:
        (out / "content" / "jurisdictions" / f"{j['id']}.md").write_text(jurisdiction_md(j, by_id), encoding="utf-8")

    state = {"out": out, "seed": seed, "n": n, "juris": juris, "by_id": by_id, "corpus": corpus,
             "reported": reported}
    step = 250
    ranges = [(lo, min(n, lo + step)) for lo in range(0, n, step)]
    if jobs > 1 and n > step:
        # fork: workers inherit the corpus; each plan's output depends only on
        # (seed, k), so the split does not change a byte.
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(jobs, initializer=_init, initargs=(state,)) as pool:
            results = pool.map(_write_range, ranges, chunksize=1)
    else:
        _init(state)
        results = [_write_range(r) for r in ranges]
    plans = sum(r[0] for r in results)
    n_en = sum(r[1] for r in results)
    nbytes = sum(r[2] for r in results)
    return {"plans": plans, "translations": n_en, "jurisdictions": len(juris) + 1,
            "plan_bytes": nbytes, "seconds": round(time.time() - t0, 2)}


HUGO_TOML = """# Hugo version of the synthetic benchmark site (bench/gen.py --hugo).
baseURL = "https://plansite.example.org/"
title = "知识产权规划库(基准测试)"
defaultContentLanguage = "zh"
defaultContentLanguageInSubdir = false
hasCJKLanguage = true
enableRobotsTXT = true
# Pages, sections, the home page and the sitemap; no taxonomies and no RSS.
disableKinds = ["taxonomy", "term", "rss"]

[languages]
  [languages.zh]
    label = "中文"
    locale = "zh-CN"
    weight = 1
    title = "知识产权规划库(基准测试)"
  [languages.en]
    label = "English"
    locale = "en"
    weight = 2
    title = "IP Plans of China's Regions (benchmark)"

# Plans carry `date_issued`; Hugo sorts and dates pages by it.
[frontmatter]
  date = ["date_issued", ":default"]

[markup.goldmark.renderer]
  unsafe = false
[markup.tableOfContents]
  startLevel = 2
  endLevel = 4
"""


def write_hugo(site: Path, hugo: Path) -> dict:
    """A Hugo site over the same Markdown files (hard links where possible)."""
    t0 = time.time()
    if hugo.exists():
        shutil.rmtree(hugo)
    hugo.mkdir(parents=True)
    (hugo / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    shutil.copytree(HERE / "hugo" / "layouts", hugo / "layouts")
    n = 0
    for sub in ("plans", "jurisdictions"):
        src_root = site / "content" / sub
        for dirpath, _dirs, files in os.walk(src_root):
            rel = Path(dirpath).relative_to(site / "content")
            (hugo / "content" / rel).mkdir(parents=True, exist_ok=True)
            for f in files:
                src, dst = Path(dirpath) / f, hugo / "content" / rel / f
                try:
                    os.link(src, dst)
                except OSError:
                    shutil.copy2(src, dst)
                n += 1
    return {"files": n, "seconds": round(time.time() - t0, 2)}


GIT_ENV_NAME = ["-c", "user.name=plansite benchmark", "-c", "user.email=bench@example.org",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
TARGET = re.compile(r"(    target: \{year: \d+, value: )([0-9.]+)")


def git(site: Path, day: int, *args: str) -> None:
    date = f"2026-01-{1 + day % 28:02d}T{day // 28 % 24:02d}:00:00+00:00"
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *GIT_ENV_NAME, *args], cwd=site, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def make_history(site: Path, commits: int, fraction: float, seed: int) -> dict:
    """The site as a git repository: the corpus, then `commits` commits each
    correcting the first target of `fraction` of the plans (the figure
    wherever the plan's index.md states it)."""
    t0 = time.time()
    (site / ".gitignore").write_text("/public/\n", encoding="utf-8")
    git(site, 0, "init", "-q")
    git(site, 0, "add", "-A")
    git(site, 0, "commit", "-q", "-m", "Publish the corpus")
    plans = sorted(p.name for p in (site / "content" / "plans").iterdir())
    edited = 0
    for c in range(1, commits + 1):
        rng = random.Random(seed * 1_000_003 + c)
        chosen = rng.sample(plans, max(1, int(len(plans) * fraction)))
        for slug in chosen:
            f = site / "content" / "plans" / slug / "index.md"
            text = f.read_text(encoding="utf-8")
            m = TARGET.search(text)
            if not m:
                continue
            # As staff correct a figure: wherever the file states it (the
            # value, its passage, the body), so that the plan still checks.
            # Never a year, a date or a period that happens to hold the
            # same digits: in the front matter only values and passages
            # change, and nowhere a number joined to `-` or to 年/月/日.
            new = fmt(float(m.group(2)) * (1 + c / 100))
            figure = re.compile(r"(?<![\d.\-])" + re.escape(m.group(2)) + r"(?![\d.\-年月日])")
            end = text.index("\n---\n", 3)
            field = re.compile(r"\b(value|min|max): " + re.escape(m.group(2)) + r"(?![\d.])")
            front = "".join(
                figure.sub(new, line) if re.match(r"\s*(-\s*)?passage:", line)
                else field.sub(lambda v: f"{v.group(1)}: {new}", line)
                for line in text[:end].splitlines(keepends=True)
            )
            f.write_text(front + figure.sub(new, text[end:]), encoding="utf-8")
            en = f.with_name("index.en.md")
            if en.exists():  # the translation states the same figure
                en.write_text(figure.sub(new, en.read_text(encoding="utf-8")), encoding="utf-8")
            edited += 1
        git(site, c, "commit", "-q", "-a", "-m", f"Correct targets in {len(chosen)} plans against the official texts ({c})")
    return {"commits": commits + 1, "edits": edited, "seconds": round(time.time() - t0, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", type=int, required=True, help="number of plans")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", type=Path, required=True, help="plansite site folder to (re)create")
    ap.add_argument("--hugo", type=Path, help="also write a Hugo site over the same content here")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    ap.add_argument("--git", type=int, metavar="COMMITS",
                    help="make the site a git repository with this many correcting commits")
    ap.add_argument("--git-fraction", type=float, default=0.1,
                    help="share of the plans each --git commit corrects (default 0.1)")
    ap.add_argument("--no-tasks", action="store_true",
                    help="no responsible-unit notes and no agency catalogue (the plans of earlier versions)")
    ap.add_argument("--no-reported", action="store_true",
                    help="generate plans without reported values (reported:) and their review paragraph")
    a = ap.parse_args()
    if a.plans < 1:
        ap.error("--plans must be at least 1")
    info = generate(a.plans, a.seed, a.out.resolve(), a.jobs, tasks=not a.no_tasks, reported=not a.no_reported)
    print(f"plansite site: {a.out} — {info['plans']} plans, {info['translations']} translations, "
          f"{info['jurisdictions']} jurisdictions, {info['plan_bytes'] / 1e6:.1f} MB of plan files, "
          f"{info['seconds']} s")
    if a.git is not None:
        g = make_history(a.out.resolve(), a.git, a.git_fraction, a.seed)
        print(f"git history: {g['commits']} commits, {g['edits']} corrected targets, {g['seconds']} s")
    if a.hugo:
        h = write_hugo(a.out.resolve(), a.hugo.resolve())
        print(f"hugo site: {a.hugo} — {h['files']} content files linked, {h['seconds']} s")


if __name__ == "__main__":
    main()
